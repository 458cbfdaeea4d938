package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.features.dino.Dinov3StateDict;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .safetensors} files: those written by third-party writers (the real safetensors library for the fixture,
 * DJL's encoder with libtorch's float16/bfloat16 conversion) read with the values their writer stored; damaged and
 * hostile headers fail with one line naming the file and the problem before anything large is allocated.
 */
class SafetensorsWeightsTest {
    @TempDir
    Path tmp;

    @Test
    void fixtureFileWrittenBySafetensorsReadsAsDjlReadsIt() throws Exception {
        Path file = Fixtures.file("models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors");
        Map<String, Tensor> mine = TorchWeights.read(file);
        assertEquals(186, mine.size());
        assertTrue(Dinov3StateDict.spec().matches(mine.keySet()));
        Dinov3StateDict.spec().validate(mine, mine.keySet());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDList theirs = NDList.decode(m, Files.readAllBytes(file));
            assertEquals(186, theirs.size());
            for (NDArray a : theirs) {
                Tensor t = mine.get(a.getName());
                assertArrayEquals(a.getShape().getShape(), Arrays.stream(t.shape()).asLongStream().toArray(),
                        a.getName());
                assertArrayEquals(a.toFloatArray(), t.data(), a.getName());
            }
        }
    }

    @Test
    void float16AndIntegerTensorsWrittenByDjlReadAsLibtorchConvertsThem() throws Exception {
        Random r = new Random(7);
        float[] values = new float[6 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (r.nextGaussian() * 3);
        }
        values[0] = 1e-6f; // a float16 subnormal
        values[1] = 70000f; // beyond float16's range: infinity
        Path file = tmp.resolve("mixed.safetensors");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray base = m.create(values, new Shape(6, 5));
            NDList list = new NDList(named(base.toType(DataType.FLOAT16, false), "half"),
                    named(base.toType(DataType.FLOAT32, true), "single"),
                    named(base.toType(DataType.INT32, false), "ints"),
                    named(m.create(new byte[] {0, 7, (byte) 200}, new Shape(3)).toType(DataType.UINT8, false),
                            "bytes"));
            try (OutputStream out = Files.newOutputStream(file)) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
            Map<String, Tensor> read = TorchWeights.read(file);
            assertEquals(List.of("half", "single", "ints", "bytes").stream().sorted().toList(),
                    read.keySet().stream().sorted().toList());
            for (NDArray a : list) {
                float[] expected = a.toType(DataType.FLOAT32, true).toFloatArray();
                assertArrayEquals(expected, read.get(a.getName()).data(), a.getName());
            }
            assertEquals(Float.POSITIVE_INFINITY, read.get("half").data()[1]);
            assertArrayEquals(new int[] {6, 5}, read.get("half").shape());
        }
    }

    /**
     * bfloat16 (DJL cannot encode it): {@code bf16_torch.safetensors} holds a [4, 6] tensor that torch 1.13 rounded to
     * bfloat16 (a subnormal and an overflow to infinity among them) and torch's own conversion of it back to
     * float32.
     */
    @Test
    void bfloat16ReadsAsTorchConvertsIt() throws Exception {
        Path f = tmp.resolve("bf16.safetensors");
        try (var in = SafetensorsWeightsTest.class.getResourceAsStream("bf16_torch.safetensors")) {
            Files.copy(in, f);
        }
        Map<String, Tensor> t = TorchWeights.read(f);
        assertArrayEquals(t.get("brain_as_f32").data(), t.get("brain").data());
        assertArrayEquals(new int[] {4, 6}, t.get("brain").shape());
        assertEquals(Float.POSITIVE_INFINITY, t.get("brain").data()[1]);
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    @Test
    void onlyWantedTensorsAreConvertedAndUnconvertibleOnesMayBeSkipped() throws Exception {
        Path f = write("skip.safetensors", "{\"a\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},\"__metadata__\":{\"format\":\"pt\"}}",
                le(4, 1.5f));
        Map<String, Tensor> t = TorchWeights.read(f, "b"::equals);
        assertEquals(List.of("b"), List.copyOf(t.keySet()));
        assertArrayEquals(new float[] {1.5f}, t.get("b").data());
        fails(UnsupportedModelException.class, f, "'a'", "U16");
    }

    @Test
    void headerCutShortSaysTheFileIsTruncated() throws Exception {
        byte[] whole = bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", le(0, 2f));
        fails(InvalidModelException.class, write("cut_header.safetensors", Arrays.copyOf(whole, 30)),
                "ends inside its safetensors header", "truncated");
        fails(InvalidModelException.class, write("cut_data.safetensors", Arrays.copyOf(whole, whole.length - 2)),
                "ends before the data of tensor 'a'", "truncated");
    }

    @Test
    void inconsistentHeadersAreRefusedWithWhatIsWrong() throws Exception {
        byte[] eight = le(0, 1f, 2f);
        fails(InvalidModelException.class, write("dup.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight),
                "'a' appears twice");
        fails(InvalidModelException.class, write("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight),
                "overlap");
        fails(InvalidModelException.class, write("size.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,8]}}", eight), "3 elements of 'F32'", "span 8 bytes");
        fails(InvalidModelException.class, write("reversed.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],"
                + "\"data_offsets\":[8,0]}}", eight), "data_offsets [8, 0]");
        fails(InvalidModelException.class, write("field.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8],\"exec\":\"rm -rf\"}}", eight), "unknown field 'exec'");
        fails(InvalidModelException.class, write("negative.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],"
                + "\"data_offsets\":[0,8]}}", eight), "invalid shape");
        fails(InvalidModelException.class, write("meta.safetensors", "{\"__metadata__\":{\"x\":{\"y\":1}}}",
                new byte[0]), "__metadata__ values must be strings");
        fails(InvalidModelException.class, write("json.safetensors", "{\"a\": nonsense}", eight),
                "not valid JSON of the expected structure at line 1 column");
        fails(InvalidModelException.class, write("trailing.safetensors", "{}{}", eight), "text after the header");
        // names and fields come from the file: control characters in them are escaped (found by fuzzing)
        fails(InvalidModelException.class, write("newline.safetensors", "{\"x\ny\":{\"dtype\":\"F32\","
                + "\"shape\":[1],\"data_offsets\":[0,8]}}", eight), "tensor 'x\\ny'");
        byte[] latin1 = "{\"\u00e9\":{}}".getBytes(StandardCharsets.ISO_8859_1);
        fails(InvalidModelException.class, write("latin1.safetensors", withLength(latin1, eight)), "not UTF-8");
    }

    @Test
    void hugeDeclaredShapesAreRefusedBeforeAllocating() throws Exception {
        long big = Integer.MAX_VALUE;
        Path f = write("huge.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[" + big + "],\"data_offsets\":[0,"
                + big + "]}}", new byte[8]);
        fails(InvalidModelException.class, f, "truncated");
        Path d = write("dimension.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[" + (big + 1) + "],"
                + "\"data_offsets\":[0,8]}}", new byte[8]);
        fails(InvalidModelException.class, d, "a dimension of 2147483648");
        Path g = write("overflow.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,"
                + "2147483647],\"data_offsets\":[0,8]}}", new byte[8]);
        fails(InvalidModelException.class, g, "more elements than any file");
        Path h = write("larger.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                le(0, 1f, 2f));
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> TorchWeights.read(h, n -> true, n -> new int[] {1}));
        assertTrue(e.getMessage().contains("more than the 1 elements"), e.getMessage());
    }

    @Test
    void aSafetensorsFileIsRecognisedByContentNotName() throws Exception {
        Path f = write("weights.pth", "{\"w\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}",
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).array());
        Tensor w = TorchWeights.read(f).get("w");
        assertEquals(0, w.rank());
        assertEquals(0.1f, w.data()[0]);
        assertFalse(SafetensorsFormat.detect("PK\3\4............".getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static <T extends ConvpaintException> void fails(Class<T> type, Path f, String... fragments) {
        T e = assertThrows(type, () -> TorchWeights.read(f));
        String msg = e.getMessage();
        assertTrue(msg.contains(f.getFileName().toString()), msg);
        assertFalse(msg.contains("\n"), msg);
        for (String s : fragments) {
            assertTrue(msg.contains(s), "'" + s + "' not in: " + msg);
        }
    }

    private Path write(String name, String header, byte[] data) throws IOException {
        return write(name, bytes(header, data));
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    private static byte[] bytes(String header, byte[] data) {
        return withLength(header.getBytes(StandardCharsets.UTF_8), data);
    }

    private static byte[] withLength(byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** {@code zeros} zero bytes, then {@code v} as little-endian float32. */
    private static byte[] le(int zeros, float... v) {
        ByteBuffer b = ByteBuffer.allocate(zeros + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.position(zeros);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
