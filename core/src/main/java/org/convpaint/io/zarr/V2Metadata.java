package org.convpaint.io.zarr;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.convpaint.InvalidInputException;

/**
 * Zarr v2 array metadata ({@code .zarray}): parsing with every unsupported feature named, and writing as zarr-python
 * 2 writes it (keys sorted, compressor configuration as numcodecs writes it). Stateless.
 */
final class V2Metadata {
    static final String FILE = ".zarray";

    private V2Metadata() {
    }

    /**
     * Parses the {@code .zarray} object {@code json} read from {@code file}.
     *
     * @throws InvalidInputException naming {@code file}: missing or mistyped members, unsupported dtype,
     *                               compressor, filter, order, separator, fill value
     */
    static ArrayMetadata parse(JsonObject json, Path file) throws InvalidInputException {
        MetadataFields f = new MetadataFields(file);
        long format = f.integer(f.required(json, "zarr_format"), "zarr_format");
        if (format != 2) {
            throw new InvalidInputException("zarr_format " + format + " in a .zarray file is not supported "
                    + "(expected 2)", file);
        }
        JsonElement dtypeJson = f.required(json, "dtype");
        if (!dtypeJson.isJsonPrimitive()) {
            throw new InvalidInputException("dtype " + MetadataFiles.oneLine(abbreviate(dtypeJson.toString()))
                    + " is not supported (supported: " + DType.V2_SUPPORTED + ")", file);
        }
        DType dtype = DType.ofV2(dtypeJson.getAsString(), file);
        long[] shape = f.integers(f.required(json, "shape"), "shape");
        long[] chunks = f.integers(f.required(json, "chunks"), "chunks");
        ArrayMetadata.checkGrid(shape, chunks, dtype.size(), file);
        String order = f.string(f.required(json, "order"), "order");
        int[] storage = switch (order) {
            case "C" -> identity(shape.length);
            case "F" -> reversed(shape.length);
            default -> throw new InvalidInputException("order \"" + abbreviate(order) + "\" is not supported "
                    + "(C or F)", file);
        };
        JsonElement filters = json.get("filters");
        if (filters != null && !filters.isJsonNull()) {
            if (!filters.isJsonArray()) {
                throw f.invalid("\"filters\" must be null or a list");
            }
            if (!filters.getAsJsonArray().isEmpty()) {
                throw new InvalidInputException("filter " + codecId(filters.getAsJsonArray().get(0), f)
                        + " is not supported (arrays with filters cannot be read)", file);
            }
        }
        String separator = ".";
        JsonElement sep = json.get("dimension_separator");
        if (sep != null && !sep.isJsonNull()) {
            separator = f.string(sep, "dimension_separator");
            if (!separator.equals(".") && !separator.equals("/")) {
                throw new InvalidInputException("dimension_separator \"" + abbreviate(separator) + "\" is not "
                        + "supported (. or /)", file);
            }
        }
        double fill = f.fillValue(json.get("fill_value"), dtype);
        CodecChain codecs = compressor(json.get("compressor"), dtype, f);
        return new ArrayMetadata(ZarrFormat.V2, shape, ArrayMetadata.toInts(chunks), dtype, storage, fill,
                new ChunkKeys(null, separator), codecs);
    }

    private static CodecChain compressor(JsonElement json, DType dtype, MetadataFields f)
            throws InvalidInputException {
        if (json == null || json.isJsonNull()) {
            return CodecChain.raw();
        }
        JsonObject c = f.object(json, "\"compressor\"");
        String id = codecId(c, f);
        BytesCodec codec = switch (id) {
            case "blosc" -> {
                String cname = c.has("cname") ? f.string(c.get("cname"), "blosc cname") : "lz4";
                if (!BloscCodec.CNAMES.contains(cname)) {
                    throw new InvalidInputException("blosc cname " + abbreviate(cname) + " is not supported "
                            + "(supported: " + String.join(", ", BloscCodec.CNAMES) + ")", f.file());
                }
                // decoding takes everything from the chunk's blosc header: the rest is kept for information only
                yield new BloscCodec(cname, 5, 1, dtype.size());
            }
            case "zstd" -> new ZstdCodec(0, false);
            case "gzip" -> new InflateCodec(true, 5);
            case "zlib" -> new InflateCodec(false, 5);
            default -> throw new InvalidInputException("compressor " + id + " is not supported (supported: "
                    + "blosc, zstd, gzip, zlib)", f.file());
        };
        return new CodecChain(List.of(codec));
    }

    private static String codecId(JsonElement codec, MetadataFields f) throws InvalidInputException {
        JsonObject o = f.object(codec, "a codec configuration");
        return abbreviate(f.string(f.required(o, "id"), "codec \"id\""));
    }

    /** The {@code .zarray} object of an array written with {@code spec} (zarr-python 2's keys, sorted). */
    static JsonObject toJson(ZarrArraySpec spec, DType dtype) {
        JsonObject o = new JsonObject();
        o.add("chunks", ints(spec.chunks()));
        o.add("compressor", compressorJson(spec.compressor()));
        o.addProperty("dimension_separator", spec.dimensionSeparator());
        o.addProperty("dtype", dtype.v2Name());
        o.add("fill_value", fillJson(spec.fillValue(), dtype));
        o.add("filters", JsonNull.INSTANCE);
        o.addProperty("order", "C");
        o.add("shape", longs(spec.shape()));
        o.addProperty("zarr_format", 2);
        return o;
    }

    private static JsonElement compressorJson(ZarrCompressor c) {
        JsonObject o = new JsonObject();
        switch (c.kind()) {
            case NONE -> {
                return JsonNull.INSTANCE;
            }
            case BLOSC -> {
                o.addProperty("blocksize", 0);
                o.addProperty("clevel", c.level());
                o.addProperty("cname", c.bloscCodec());
                o.addProperty("id", "blosc");
                o.addProperty("shuffle", c.shuffle());
            }
            case ZSTD, GZIP, ZLIB -> {
                o.addProperty("id", c.kind().name().toLowerCase(java.util.Locale.ROOT));
                o.addProperty("level", c.level());
            }
            default -> throw new IllegalArgumentException(c.kind().toString());
        }
        return o;
    }

    /** A fill value as zarr-python writes it: integers as integers, non-finite floats as strings. */
    static JsonElement fillJson(double v, DType dtype) {
        if (dtype.type().isInteger()) {
            return new JsonPrimitive((long) v);
        }
        if (Double.isNaN(v)) {
            return new JsonPrimitive("NaN");
        }
        if (Double.isInfinite(v)) {
            return new JsonPrimitive(v > 0 ? "Infinity" : "-Infinity");
        }
        return new JsonPrimitive(v);
    }

    static JsonArray ints(int[] v) {
        JsonArray a = new JsonArray();
        for (int x : v) {
            a.add(x);
        }
        return a;
    }

    static JsonArray longs(long[] v) {
        JsonArray a = new JsonArray();
        for (long x : v) {
            a.add(x);
        }
        return a;
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    static int[] reversed(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = n - 1 - i;
        }
        return p;
    }

    /** {@code s} cut to 40 characters, for messages. */
    static String abbreviate(String s) {
        String t = MetadataFiles.oneLine(s);
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
