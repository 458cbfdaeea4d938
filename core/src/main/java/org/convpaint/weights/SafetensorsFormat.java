package org.convpaint.weights;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import org.convpaint.InvalidModelException;
import org.convpaint.Messages;
import org.convpaint.UnsupportedModelException;

/**
 * Reads the {@code .safetensors} layout (huggingface/safetensors): an unsigned 64-bit little-endian header length
 * {@code n}, {@code n} bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets":
 * [begin, end]}} (offsets relative to the first byte after the header; an optional {@code __metadata__} object of
 * strings), then the raw little-endian data. No code runs: the header is data only.
 *
 * <p>Everything is checked against the file before anything is allocated: the header fits in the file and is at
 * most {@link #MAX_HEADER} bytes of valid UTF-8 JSON of exactly that structure, names are unique, each shape times
 * its element size equals its byte range, ranges lie inside the data and do not overlap; a wanted tensor larger than
 * its expected shape or than a Java array is refused before its data is read. Dtypes: F64, F32, F16, BF16, I64,
 * I32, I16, I8, U8 and BOOL are converted to float32; other known ones (unsigned 16–64 bit, float8, complex) are
 * refused when wanted. Stateless.
 */
final class SafetensorsFormat {
    /** The format's own limit on the header (100 MB, as the reference implementation). */
    static final long MAX_HEADER = 100_000_000L;

    /** Element sizes of the dtype names the format defines. */
    private static final Map<String, Integer> SIZES = Map.ofEntries(Map.entry("F64", 8), Map.entry("F32", 4),
            Map.entry("F16", 2), Map.entry("BF16", 2), Map.entry("I64", 8), Map.entry("I32", 4),
            Map.entry("I16", 2), Map.entry("I8", 1), Map.entry("U8", 1), Map.entry("BOOL", 1),
            Map.entry("U64", 8), Map.entry("U32", 4), Map.entry("U16", 2), Map.entry("F8_E5M2", 1),
            Map.entry("F8_E4M3", 1), Map.entry("C64", 8));
    /** The dtypes converted to float32. */
    private static final Map<String, DType> CONVERTED = Map.of("F64", DType.FLOAT64, "F32", DType.FLOAT32,
            "F16", DType.FLOAT16, "BF16", DType.BFLOAT16, "I64", DType.INT64, "I32", DType.INT32, "I16",
            DType.INT16, "I8", DType.INT8, "U8", DType.UINT8, "BOOL", DType.BOOL);

    /** One header entry: byte range relative to the data start. */
    private record Entry(String name, String dtype, int[] shape, long numel, long begin, long end) {
    }

    private SafetensorsFormat() {
    }

    /**
     * Whether a file starting with {@code head} looks like safetensors: a header length of at most
     * {@link #MAX_HEADER} followed by {@code '{'} (whether the header fits in the file is checked by
     * {@link #read}, which says that a file cut short is truncated).
     */
    static boolean detect(byte[] head) {
        if (head.length < 9) {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= MAX_HEADER && head[8] == '{';
    }

    /** Reads a file {@link #detect} accepted ({@code size} bytes long); see {@link TorchWeights#read}. */
    static Map<String, Tensor> read(Path file, Predicate<String> wanted, Function<String, int[]> expected,
            long size) throws IOException, InvalidModelException, UnsupportedModelException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.flip().getLong();
            if (n > size - 8) {
                throw new InvalidModelException("the file ends inside its safetensors header (" + (size - 8)
                        + " of " + n + " bytes): it is truncated, download it again", file);
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8);
            List<Entry> entries = parse(utf8(header.flip(), file), file);
            long dataStart = 8 + n;
            check(entries, size - dataStart, file);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                if (!wanted.test(e.name())) {
                    continue;
                }
                out.put(e.name(), tensor(ch, e, dataStart, expected.apply(e.name()), file));
            }
            return out;
        }
    }

    private static Tensor tensor(FileChannel ch, Entry e, long dataStart, int[] expected, Path file)
            throws IOException, InvalidModelException, UnsupportedModelException {
        DType type = CONVERTED.get(e.dtype());
        if (type == null) {
            throw new UnsupportedModelException("tensor " + q(e.name()) + " has dtype " + q(e.dtype()) + ", which "
                    + "cannot be converted to float32 (supported: " + String.join(", ", CONVERTED.keySet().stream()
                            .sorted().toList()) + ")", file);
        }
        TensorAssembler.checkSize(q(e.name()), e.shape(), e.numel(), expected, file);
        if (e.numel() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedModelException("tensor " + q(e.name()) + " has " + e.numel() + " elements, more "
                    + "than a Java array can hold", file);
        }
        ch.position(dataStart + e.begin());
        try {
            return new Tensor(e.name(), e.shape(), StorageDecoder.decode(ch, type, ByteOrder.LITTLE_ENDIAN,
                    (int) e.numel()));
        } catch (EOFException x) {
            throw new InvalidModelException("the file ends inside tensor " + q(e.name()) + " (" + x.getMessage()
                    + ")", file);
        }
    }

    /** Byte ranges inside the data, sizes matching dtype and shape, no two ranges overlapping. */
    private static void check(List<Entry> entries, long dataBytes, Path file) throws InvalidModelException {
        for (Entry e : entries) {
            if (e.begin() > e.end()) {
                throw new InvalidModelException("damaged safetensors header: tensor " + q(e.name()) + " has "
                        + "data_offsets [" + e.begin() + ", " + e.end() + "]", file);
            }
            if (e.end() > dataBytes) {
                throw new InvalidModelException("the file ends before the data of tensor " + q(e.name()) + " (bytes "
                        + e.begin() + " to " + e.end() + " of the data, the file has " + dataBytes + "): it is "
                        + "truncated, download it again", file);
            }
            Integer elementSize = SIZES.get(e.dtype());
            long span = e.end() - e.begin();
            if (elementSize != null && (span % elementSize != 0 || span / elementSize != e.numel())) {
                throw new InvalidModelException("tensor " + q(e.name()) + " of shape " + Arrays.toString(e.shape())
                        + " has " + e.numel() + " elements of " + q(e.dtype()) + ", its data_offsets span " + span
                        + " bytes", file);
            }
        }
        List<Entry> byStart = new ArrayList<>(entries);
        byStart.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int i = 1; i < byStart.size(); i++) {
            Entry a = byStart.get(i - 1);
            Entry b = byStart.get(i);
            if (b.begin() < a.end()) {
                throw new InvalidModelException("tensors " + q(a.name()) + " and " + q(b.name()) + " overlap in the "
                        + "file's data", file);
            }
        }
    }

    private static String utf8(ByteBuffer bytes, Path file) throws InvalidModelException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidModelException("damaged safetensors file: its header is not UTF-8 text", file);
        }
    }

    /** The header's tensor entries in header order. */
    private static List<Entry> parse(String json, Path file) throws InvalidModelException {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (!names.add(name)) {
                    throw bad("the name " + q(name) + " appears twice", file);
                }
                if (name.equals("__metadata__")) {
                    skipMetadata(r, file);
                } else {
                    entries.add(entry(r, name, file));
                }
            }
            r.endObject();
            endOfHeader(r, file);
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw bad("not valid JSON of the expected structure" + where(e), file);
        } catch (IOException e) {
            throw bad("the JSON ends early" + where(e), file);
        }
        return entries;
    }

    private static void skipMetadata(JsonReader r, Path file) throws IOException, InvalidModelException {
        r.beginObject();
        while (r.hasNext()) {
            r.nextName();
            if (r.peek() != JsonToken.STRING) {
                throw bad("__metadata__ values must be strings", file);
            }
            r.nextString();
        }
        r.endObject();
    }

    private static Entry entry(JsonReader r, String name, Path file) throws IOException, InvalidModelException {
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            switch (key) {
                case "dtype" -> dtype = r.nextString();
                case "shape" -> shape = longs(r, name, key, -1, file);
                case "data_offsets" -> offsets = longs(r, name, key, 2, file);
                default -> throw bad("tensor " + q(name) + " has an unknown field " + q(key), file);
            }
        }
        r.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw bad("tensor " + q(name) + " lacks dtype, shape or data_offsets", file);
        }
        int[] dims = new int[shape.length];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw bad("tensor " + q(name) + " has a dimension of " + shape[i], file);
            }
            dims[i] = (int) shape[i];
            numel = Math.multiplyHigh(numel, shape[i]) != 0 || numel * shape[i] < 0 ? Long.MAX_VALUE
                    : numel * shape[i];
        }
        if (numel == Long.MAX_VALUE) {
            throw bad("tensor " + q(name) + " has shape " + Arrays.toString(shape) + ", more elements than any file",
                    file);
        }
        return new Entry(name, dtype, dims, numel, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers (of length {@code length} unless negative; at most 32 entries). */
    private static long[] longs(JsonReader r, String name, String key, int length, Path file)
            throws IOException, InvalidModelException {
        List<Long> values = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            long v = r.nextLong();
            if (v < 0 || values.size() >= 32) {
                throw bad("tensor " + q(name) + " has an invalid " + key, file);
            }
            values.add(v);
        }
        r.endArray();
        if (length >= 0 && values.size() != length) {
            throw bad("tensor " + q(name) + " has " + values.size() + " " + key + " values, not " + length, file);
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** A string of the file, quoted, escaped and shortened for a one-line message. */
    private static String q(String s) {
        return Messages.quote(s);
    }

    private static InvalidModelException bad(String what, Path file) {
        return new InvalidModelException("damaged safetensors header: " + what, file);
    }

    /** Only white space may follow the header object (the format pads with spaces). */
    private static void endOfHeader(JsonReader r, Path file) throws IOException, InvalidModelException {
        boolean more;
        try {
            more = r.peek() != JsonToken.END_DOCUMENT;
        } catch (MalformedJsonException e) {
            more = true;
        }
        if (more) {
            throw bad("text after the header object", file);
        }
    }

    /** " at line L column C" from a Gson message (which also gives advice on Gson's settings, not for users). */
    private static String where(Exception e) {
        Matcher m = Pattern.compile("at line \\d+ column \\d+").matcher(String.valueOf(e.getMessage()));
        return m.find() ? " " + m.group() : "";
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int k = ch.read(buf, p);
            if (k < 0) {
                throw new EOFException("the file ends inside the safetensors header");
            }
            p += k;
        }
    }
}
