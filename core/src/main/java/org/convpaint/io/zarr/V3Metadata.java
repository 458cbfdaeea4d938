package org.convpaint.io.zarr;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;

/**
 * Zarr v3 array metadata ({@code zarr.json} with node_type array): parsing the regular chunk grid, the default and
 * v2 chunk key encodings and the codecs {@code transpose}, {@code bytes}, {@code gzip}, {@code zstd},
 * {@code blosc} and {@code crc32c}, with every other feature named in an error; and writing. Stateless.
 */
final class V3Metadata {
    static final String FILE = "zarr.json";

    private V3Metadata() {
    }

    /**
     * Parses the {@code zarr.json} object {@code json} (already known to be zarr_format 3) read from {@code file}.
     *
     * @throws InvalidInputException naming {@code file}: not an array, missing or mistyped members, unsupported
     *                               data type, chunk grid, key encoding, codec, sharding, storage transformers
     */
    static ArrayMetadata parse(JsonObject json, Path file) throws InvalidInputException {
        MetadataFields f = new MetadataFields(file);
        String nodeType = f.string(f.required(json, "node_type"), "node_type");
        if (!nodeType.equals("array")) {
            throw new InvalidInputException("not a Zarr array: node_type is \"" + V2Metadata.abbreviate(nodeType)
                    + "\"", file);
        }
        JsonElement transformers = json.get("storage_transformers");
        if (transformers != null && transformers.isJsonArray() && !transformers.getAsJsonArray().isEmpty()) {
            throw new InvalidInputException("storage transformers are not supported", file);
        }
        PixelType type = DType.ofV3(f.string(f.required(json, "data_type"), "data_type"), file);
        long[] shape = f.integers(f.required(json, "shape"), "shape");
        JsonObject grid = f.object(f.required(json, "chunk_grid"), "\"chunk_grid\"");
        String gridName = f.string(f.required(grid, "name"), "chunk_grid name");
        if (!gridName.equals("regular")) {
            throw new InvalidInputException("chunk grid \"" + V2Metadata.abbreviate(gridName) + "\" is not "
                    + "supported (regular)", file);
        }
        JsonObject gridConfig = f.object(f.required(grid, "configuration"), "chunk_grid configuration");
        long[] chunks = f.integers(f.required(gridConfig, "chunk_shape"), "chunk_shape");
        ArrayMetadata.checkGrid(shape, chunks, type.bytes(), file);
        ChunkKeys keys = keyEncoding(f.object(f.required(json, "chunk_key_encoding"), "\"chunk_key_encoding\""), f);

        JsonElement codecsJson = f.required(json, "codecs");
        if (!codecsJson.isJsonArray()) {
            throw f.invalid("\"codecs\" must be a list");
        }
        int[] order = V2Metadata.identity(shape.length);
        ByteOrder endian = null;
        boolean bytesSeen = false;
        List<BytesCodec> bytesCodecs = new ArrayList<>();
        for (JsonElement e : codecsJson.getAsJsonArray()) {
            JsonObject codec = f.object(e, "a codec");
            String name = V2Metadata.abbreviate(f.string(f.required(codec, "name"), "codec name"));
            JsonElement c = codec.get("configuration");
            JsonObject config = c == null ? new JsonObject() : f.object(c, "configuration of codec " + name);
            if (name.equals("sharding_indexed")) {
                throw new InvalidInputException("sharded arrays are not supported yet: rewrite the array "
                        + "without sharding", file);
            }
            if (!bytesSeen) {
                if (name.equals("transpose")) {
                    order = compose(order, transposeOrder(config, shape.length, f));
                } else if (name.equals("bytes")) {
                    bytesSeen = true;
                    endian = endian(config, type, f);
                } else {
                    throw unknown(name, file);
                }
            } else {
                bytesCodecs.add(bytesCodec(name, config, type, f));
            }
        }
        if (!bytesSeen) {
            throw f.invalid("no \"bytes\" codec in \"codecs\"");
        }
        CodecChain chain;
        try {
            chain = new CodecChain(bytesCodecs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("more than one compression codec is not supported", file);
        }
        DType dtype = new DType(type, endian);
        double fill = f.fillValue(f.required(json, "fill_value"), dtype);
        return new ArrayMetadata(ZarrFormat.V3, shape, ArrayMetadata.toInts(chunks), dtype, order, fill, keys,
                chain);
    }

    private static ChunkKeys keyEncoding(JsonObject o, MetadataFields f) throws InvalidInputException {
        String name = f.string(f.required(o, "name"), "chunk_key_encoding name");
        JsonElement c = o.get("configuration");
        JsonObject config = c == null ? new JsonObject() : f.object(c, "chunk_key_encoding configuration");
        String sep = switch (name) {
            case "default" -> "/";
            case "v2" -> ".";
            default -> throw new InvalidInputException("chunk key encoding \"" + V2Metadata.abbreviate(name)
                    + "\" is not supported (default or v2)", f.file());
        };
        if (config.has("separator")) {
            sep = f.string(config.get("separator"), "chunk key separator");
            if (!sep.equals("/") && !sep.equals(".")) {
                throw new InvalidInputException("chunk key separator \"" + V2Metadata.abbreviate(sep) + "\" is "
                        + "not supported (/ or .)", f.file());
            }
        }
        return new ChunkKeys(name.equals("default") ? "c" : null, sep);
    }

    private static int[] transposeOrder(JsonObject config, int rank, MetadataFields f) throws InvalidInputException {
        JsonElement o = f.required(config, "order");
        if (o.isJsonPrimitive() && o.getAsJsonPrimitive().isString()) {
            switch (o.getAsString()) {
                case "C": return V2Metadata.identity(rank);
                case "F": return V2Metadata.reversed(rank);
                default: throw f.invalid("transpose order must be a permutation of the dimensions");
            }
        }
        long[] p = f.integers(o, "transpose order");
        boolean[] seen = new boolean[rank];
        if (p.length != rank) {
            throw f.invalid("transpose order must be a permutation of the " + rank + " dimensions");
        }
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (p[i] < 0 || p[i] >= rank || seen[(int) p[i]]) {
                throw f.invalid("transpose order must be a permutation of the " + rank + " dimensions");
            }
            seen[(int) p[i]] = true;
            order[i] = (int) p[i];
        }
        return order;
    }

    /** The storage order after transposing by {@code next} an array stored in {@code order}. */
    private static int[] compose(int[] order, int[] next) {
        int[] o = new int[order.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = order[next[i]];
        }
        return o;
    }

    private static ByteOrder endian(JsonObject config, PixelType type, MetadataFields f)
            throws InvalidInputException {
        if (!config.has("endian")) {
            if (type.bytes() > 1) {
                throw f.invalid("the \"bytes\" codec needs \"endian\" for " + type.numpyName());
            }
            return ByteOrder.LITTLE_ENDIAN;
        }
        String e = f.string(config.get("endian"), "bytes endian");
        return switch (e) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw f.invalid("bytes endian \"" + V2Metadata.abbreviate(e) + "\" (little or big)");
        };
    }

    private static BytesCodec bytesCodec(String name, JsonObject config, PixelType type, MetadataFields f)
            throws InvalidInputException {
        switch (name) {
            case "gzip":
                return new InflateCodec(true, 5);
            case "zstd":
                return new ZstdCodec(0, false);
            case "blosc":
                return new BloscCodec("lz4", 5, 1, type.bytes()); // decoding reads all from the chunk's header
            case "crc32c":
                return new Crc32cCodec();
            case "bytes", "transpose":
                throw f.invalid("codec " + name + " after the \"bytes\" codec");
            default:
                throw unknown(name, f.file());
        }
    }

    private static InvalidInputException unknown(String name, Path file) {
        return new InvalidInputException("codec " + name + " is not supported (supported: transpose, bytes, gzip, "
                + "zstd, blosc, crc32c)", file);
    }

    /** The {@code zarr.json} object of an array written with {@code spec}. */
    static JsonObject toJson(ZarrArraySpec spec, DType dtype) {
        JsonObject o = new JsonObject();
        o.addProperty("zarr_format", 3);
        o.addProperty("node_type", "array");
        o.add("shape", V2Metadata.longs(spec.shape()));
        o.addProperty("data_type", dtype.v3Name());
        JsonObject grid = new JsonObject();
        grid.addProperty("name", "regular");
        JsonObject gridConfig = new JsonObject();
        gridConfig.add("chunk_shape", V2Metadata.ints(spec.chunks()));
        grid.add("configuration", gridConfig);
        o.add("chunk_grid", grid);
        JsonObject keys = new JsonObject();
        keys.addProperty("name", "default");
        JsonObject keysConfig = new JsonObject();
        keysConfig.addProperty("separator", spec.dimensionSeparator());
        keys.add("configuration", keysConfig);
        o.add("chunk_key_encoding", keys);
        o.add("fill_value", V2Metadata.fillJson(spec.fillValue(), dtype));
        JsonArray codecs = new JsonArray();
        JsonObject bytesConfig = new JsonObject();
        bytesConfig.addProperty("endian", "little");
        codecs.add(codec("bytes", bytesConfig));
        ZarrCompressor c = spec.compressor();
        JsonObject config = new JsonObject();
        switch (c.kind()) {
            case NONE -> {
            }
            case GZIP -> {
                config.addProperty("level", c.level());
                codecs.add(codec("gzip", config));
            }
            case ZSTD -> {
                config.addProperty("level", c.level());
                config.addProperty("checksum", false);
                codecs.add(codec("zstd", config));
            }
            case BLOSC -> {
                config.addProperty("typesize", dtype.size());
                config.addProperty("cname", c.bloscCodec());
                config.addProperty("clevel", c.level());
                config.addProperty("shuffle", BloscCodec.V3_SHUFFLES.get(c.shuffle()));
                config.addProperty("blocksize", 0);
                codecs.add(codec("blosc", config));
            }
            default -> throw new IllegalArgumentException(c.kind().name().toLowerCase(Locale.ROOT)
                    + " is not a Zarr v3 codec");
        }
        o.add("codecs", codecs);
        o.add("attributes", new JsonObject());
        return o;
    }

    private static JsonObject codec(String name, JsonObject config) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.add("configuration", config);
        return o;
    }
}
