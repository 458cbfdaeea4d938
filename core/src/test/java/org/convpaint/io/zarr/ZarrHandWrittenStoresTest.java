package org.convpaint.io.zarr;

import static org.convpaint.io.zarr.HandStores.chunk2d;
import static org.convpaint.io.zarr.HandStores.encode;
import static org.convpaint.io.zarr.HandStores.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.LongToDoubleFunction;
import java.util.zip.CRC32C;

import org.convpaint.image.PixelType;
import org.convpaint.io.zarr.HandStores.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores the code under test did not write, made by hand in the test: big-endian v2 and v3, F order, the v3
 * transpose codec, nested v2 keys, v3 v2-style keys, crc32c, NaN and other fill values, missing chunks.
 */
class ZarrHandWrittenStoresTest {
    private static final long H = 7;
    private static final long W = 11;
    private static final int CH = 3;
    private static final int CW = 4;
    /** Element i of the 7 x 11 test arrays: 16-bit, exact as float16 (a multiple of 0.25 below 1024). */
    private static final LongToDoubleFunction F = i -> 1 + (i * 13 % 77) * 0.25;

    @TempDir
    Path tmp;

    /** Writes the 3 x 3 chunks of the 7 x 11 array, except those listed in {@code skip} as "cy.cx". */
    private void chunks(Path dir, Kind kind, ByteOrder order, String prefix, String sep, boolean fortran,
            boolean gzip, String... skip) throws Exception {
        for (int cy = 0; cy < 3; cy++) {
            for (int cx = 0; cx < 3; cx++) {
                if (java.util.List.of(skip).contains(cy + "." + cx)) {
                    continue;
                }
                byte[] raw = encode(kind, order, chunk2d(H, W, CH, CW, cy, cx, F, 99, fortran));
                HandStores.bytes(dir, prefix + cy + sep + cx, gzip ? gzip(raw) : raw);
            }
        }
    }

    private static String v2(String dtype, String order, String sep, String compressor, String fill) {
        return "{'zarr_format': 2, 'shape': [7, 11], 'chunks': [3, 4], 'dtype': '" + dtype + "', 'order': '"
                + order + "', 'compressor': " + compressor + ", 'fill_value': " + fill + ", 'filters': null"
                + (sep == null ? "" : ", 'dimension_separator': '" + sep + "'") + "}";
    }

    private static String v3(String type, String codecs, String keys, String fill) {
        return "{'zarr_format': 3, 'node_type': 'array', 'shape': [7, 11], 'data_type': '" + type + "', "
                + "'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': [3, 4]}}, "
                + "'chunk_key_encoding': " + keys + ", 'fill_value': " + fill + ", 'codecs': " + codecs
                + ", 'attributes': {'x': 1}, 'dimension_names': ['y', 'x']}";
    }

    /** The whole array, read in one call and in single rows, equals F (or {@code fill} where chunks are missing). */
    private static void assertArray(ZarrArray a, double fill, String... missing) throws Exception {
        assertArray(a, F, fill, missing);
    }

    /** As above, with element i expected to be {@code f(i)}. */
    private static void assertArray(ZarrArray a, LongToDoubleFunction f, double fill, String... missing)
            throws Exception {
        double[] all = new double[(int) (H * W)];
        a.read(new long[] {0, 0}, new int[] {(int) H, (int) W}, all);
        double[] row = new double[6];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                String chunk = (y / CH) + "." + (x / CW);
                double expected = java.util.List.of(missing).contains(chunk) ? fill : f.applyAsDouble(y * W + x);
                assertEquals(expected, all[(int) (y * W + x)], "(" + y + ", " + x + ")");
            }
            a.read(new long[] {y, 3}, new int[] {1, 6}, row);
            for (int x = 3; x < 9; x++) {
                assertEquals(all[(int) (y * W + x)], row[x - 3], "row " + y + " x " + x);
            }
        }
    }

    @Test
    void bigEndianV2Uint16AndFloat32ReadAsTheirValues() throws Exception {
        Path u2 = tmp.resolve("u2");
        HandStores.text(u2, ".zarray", v2(">u2", "C", null, "null", "0"));
        chunks(u2, Kind.U2, ByteOrder.BIG_ENDIAN, "", ".", false, false);
        ZarrArray a = ZarrArray.open(u2, 0);
        assertEquals(PixelType.UINT16, a.dataType());
        Path f4 = tmp.resolve("f4");
        HandStores.text(f4, ".zarray", v2(">f4", "C", ".", "{'id': 'gzip', 'level': 1}", "0.0"));
        chunks(f4, Kind.F4, ByteOrder.BIG_ENDIAN, "", ".", false, true);
        assertEquals(PixelType.FLOAT32, ZarrArray.open(f4, 0).dataType());
        // big-endian float16, zlib-compressed
        Path f2 = tmp.resolve("f2");
        HandStores.text(f2, ".zarray", v2(">f2", "C", null, "{'id': 'zlib', 'level': 1}", "0"));
        for (int cy = 0; cy < 3; cy++) {
            for (int cx = 0; cx < 3; cx++) {
                byte[] raw = encode(Kind.F2, ByteOrder.BIG_ENDIAN, chunk2d(H, W, CH, CW, cy, cx, F, 0, false));
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(out)) {
                    z.write(raw);
                }
                HandStores.bytes(f2, cy + "." + cx, out.toByteArray());
            }
        }
        assertArray(ZarrArray.open(f4, 0), 0);
        assertArray(ZarrArray.open(f2, 1 << 16), 0);
        double[] v = new double[(int) (H * W)];
        a.read(new long[2], new int[] {7, 11}, v);
        for (int i = 0; i < v.length; i++) {
            assertEquals((long) F.applyAsDouble(i), v[i], "element " + i); // u2 stored the integer part
        }
    }

    @Test
    void fortranOrderV2ChunksAreTransposedWhenRead() throws Exception {
        Path dir = tmp.resolve("f");
        HandStores.text(dir, ".zarray", v2("<f8", "F", ".", "{'id': 'gzip', 'level': 5}", "0"));
        chunks(dir, Kind.F8, ByteOrder.LITTLE_ENDIAN, "", ".", true, true);
        assertArray(ZarrArray.open(dir, 1 << 20), 0);
    }

    @Test
    void nestedV2KeysWithMissingChunksReadTheFillValue() throws Exception {
        Path dir = tmp.resolve("nested");
        HandStores.text(dir, ".zarray", v2("<i2", "C", "/", "null", "-3"));
        chunks(dir, Kind.I2, ByteOrder.LITTLE_ENDIAN, "", "/", false, false, "0.1", "2.2");
        ZarrArray a = ZarrArray.open(dir, 1 << 20);
        assertEquals(-3.0, a.fillValue());
        assertArray(a, i -> (long) F.applyAsDouble(i), -3, "0.1", "2.2"); // i2 holds the integer part
    }

    @Test
    void nanFillValueFillsMissingChunks() throws Exception {
        Path v2 = tmp.resolve("v2");
        HandStores.text(v2, ".zarray", v2("<f4", "C", null, "null", "'NaN'"));
        chunks(v2, Kind.F4, ByteOrder.LITTLE_ENDIAN, "", ".", false, false, "1.1");
        assertTrue(Double.isNaN(ZarrArray.open(v2, 0).fillValue()));
        assertArray(ZarrArray.open(v2, 0), Double.NaN, "1.1");
        Path v3 = tmp.resolve("v3");
        HandStores.text(v3, "zarr.json", v3("float64", "[{'name': 'bytes', 'configuration': {'endian': 'little'}}]",
                "{'name': 'default'}", "'NaN'"));
        chunks(v3, Kind.F8, ByteOrder.LITTLE_ENDIAN, "c/", "/", false, false, "0.0", "2.1");
        assertArray(ZarrArray.open(v3, 0), Double.NaN, "0.0", "2.1");
        Path inf = tmp.resolve("inf");
        HandStores.text(inf, ".zarray", v2("<f8", "C", null, "null", "'-Infinity'"));
        assertArray(ZarrArray.open(inf, 0), Double.NEGATIVE_INFINITY, "0.0", "0.1", "0.2", "1.0", "1.1", "1.2",
                "2.0", "2.1", "2.2");
        Path none = tmp.resolve("none");
        HandStores.text(none, ".zarray", v2("|u1", "C", null, "null", "null"));
        assertEquals(0.0, ZarrArray.open(none, 0).fillValue());
    }

    @Test
    void bigEndianV3WithGzipReadsAsItsValues() throws Exception {
        Path dir = tmp.resolve("be");
        HandStores.text(dir, "zarr.json", v3("int32", "[{'name': 'bytes', 'configuration': {'endian': 'big'}}, "
                + "{'name': 'gzip', 'configuration': {'level': 1}}]", "{'name': 'default', 'configuration': "
                + "{'separator': '.'}}", "0"));
        chunks(dir, Kind.I4, ByteOrder.BIG_ENDIAN, "c.", ".", false, true);
        ZarrArray a = ZarrArray.open(dir, 1 << 20);
        assertEquals(ZarrFormat.V3, a.format());
        double[] v = new double[(int) (H * W)];
        a.read(new long[2], new int[] {7, 11}, v);
        for (int i = 0; i < v.length; i++) {
            assertEquals((long) F.applyAsDouble(i), v[i]);
        }
    }

    @Test
    void v3TransposeCodecIsUndoneForAnyPermutation() throws Exception {
        // 3-D array 4 x 5 x 6, chunks 2 x 3 x 4, transpose order [1, 2, 0]: stored[j0][j1][j2] = chunk[j2][j0][j1]
        long[] shape = {4, 5, 6};
        int[] c = {2, 3, 4};
        Path dir = tmp.resolve("t");
        HandStores.text(dir, "zarr.json", "{'zarr_format': 3, 'node_type': 'array', 'shape': [4, 5, 6], "
                + "'data_type': 'uint16', 'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': "
                + "[2, 3, 4]}}, 'chunk_key_encoding': {'name': 'v2'}, 'fill_value': 0, 'codecs': [{'name': "
                + "'transpose', 'configuration': {'order': [1, 2, 0]}}, {'name': 'bytes', 'configuration': "
                + "{'endian': 'little'}}]}");
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int d = 0; d < 2; d++) {
                    ByteBuffer buf = ByteBuffer.allocate(2 * 24).order(ByteOrder.LITTLE_ENDIAN);
                    for (int j0 = 0; j0 < c[1]; j0++) {
                        for (int j1 = 0; j1 < c[2]; j1++) {
                            for (int j2 = 0; j2 < c[0]; j2++) {
                                long z = a * c[0] + j2;
                                long y = b * c[1] + j0;
                                long x = d * c[2] + j1;
                                boolean in = z < shape[0] && y < shape[1] && x < shape[2];
                                buf.putShort((short) (in ? 1000 + (z * 5 + y) * 6 + x : 7));
                            }
                        }
                    }
                    HandStores.bytes(dir, a + "." + b + "." + d, buf.array());
                }
            }
        }
        ZarrArray arr = ZarrArray.open(dir, 0);
        double[] v = new double[120];
        arr.read(new long[3], new int[] {4, 5, 6}, v);
        for (int i = 0; i < 120; i++) {
            assertEquals(1000 + i, v[i], "element " + i);
        }
        double[] box = new double[2 * 2 * 3];
        arr.read(new long[] {1, 2, 3}, new int[] {2, 2, 3}, box);
        assertArrayEquals(new double[] {1045, 1046, 1047, 1051, 1052, 1053, 1075, 1076, 1077, 1081, 1082, 1083}, box);
    }

    @Test
    void crc32cChecksummedV3ChunksAndOneByteTypesWithoutEndianRead() throws Exception {
        Path dir = tmp.resolve("crc");
        HandStores.text(dir, "zarr.json", v3("uint8", "[{'name': 'bytes'}, {'name': 'crc32c'}]",
                "{'name': 'default', 'configuration': {'separator': '/'}}", "5"));
        for (int cy = 0; cy < 3; cy++) {
            for (int cx = 0; cx < 3; cx++) {
                byte[] raw = encode(Kind.U1, ByteOrder.LITTLE_ENDIAN, chunk2d(H, W, CH, CW, cy, cx, F, 0, false));
                CRC32C crc = new CRC32C();
                crc.update(raw);
                byte[] stored = java.util.Arrays.copyOf(raw, raw.length + 4);
                ByteBuffer.wrap(stored, raw.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
                HandStores.bytes(dir, "c/" + cy + "/" + cx, stored);
            }
        }
        double[] v = new double[(int) (H * W)];
        ZarrArray.open(dir, 0).read(new long[2], new int[] {7, 11}, v);
        for (int i = 0; i < v.length; i++) {
            assertEquals((long) F.applyAsDouble(i), v[i]);
        }
    }
}
