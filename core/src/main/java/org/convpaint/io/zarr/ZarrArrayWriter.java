package org.convpaint.io.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;

/**
 * Creates a Zarr array and writes it chunk by chunk. Each {@link #write} call covers whole chunks (clipped at the
 * array's end), so no chunk is read back. Chunks may be written from several threads at once, but each chunk by
 * one thread only. Holds no open files between calls.
 *
 * <p>Chunks are stored full-size (the part beyond the array's end holds the fill value), each through a temporary
 * file renamed over the chunk file. A chunk whose every element equals the fill value is not stored (and an
 * existing file of it is deleted), as zarr-python does with {@code write_empty_chunks=False}.
 */
public final class ZarrArrayWriter {
    private final Path dir;
    private final ZarrArraySpec spec;
    private final DType dtype;
    private final ArrayMetadata meta;
    private final ChunkGrid grid;
    /** A chunk of fill values, encoded; never modified. */
    private final byte[] fillChunk;
    /** Each writing thread's chunk being filled. */
    private final ThreadLocal<byte[]> buffer;

    private ZarrArrayWriter(Path dir, ZarrArraySpec spec, ArrayMetadata meta) {
        this.dir = dir;
        this.spec = spec;
        this.dtype = meta.dtype();
        this.meta = meta;
        this.grid = new ChunkGrid(meta.shape(), meta.chunks(), meta.chunkStrides());
        this.fillChunk = new byte[meta.chunkBytes()];
        this.buffer = ThreadLocal.withInitial(() -> new byte[fillChunk.length]);
        double[] fill = new double[meta.chunkElements()];
        Arrays.fill(fill, meta.fillValue());
        dtype.fromDoubles(fill, 0, ByteBuffer.wrap(fillChunk).order(dtype.order()), 0, fill.length);
    }

    /**
     * Creates the array's folder and metadata ({@code .zarray} with empty {@code .zattrs}, or {@code zarr.json}).
     *
     * @throws IOException if {@code dir} exists and is not empty, or cannot be written
     * @throws IllegalArgumentException if the spec cannot be written: rank 0 or above 32, negative sizes, chunk
     *                                  sizes below 1 or chunks above 1 GiB, a fill value the integer type cannot
     *                                  hold, ZLIB in v3, an unknown blosc codec, levels or shuffles out of range
     */
    public static ZarrArrayWriter create(Path dir, ZarrArraySpec spec) throws IOException {
        DType dtype = new DType(spec.dataType(), ByteOrder.LITTLE_ENDIAN);
        ArrayMetadata meta = metadata(spec, dtype);
        JsonObject json = spec.format() == ZarrFormat.V2 ? V2Metadata.toJson(spec, dtype)
                : V3Metadata.toJson(spec, dtype);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.findAny().isPresent()) {
                    throw new IOException(dir + ": folder exists and is not empty (choose a new folder)");
                }
            }
        }
        Files.createDirectories(dir);
        if (spec.format() == ZarrFormat.V2) {
            MetadataFiles.write(dir.resolve(V2Metadata.FILE), json, MetadataFiles.V2_INDENT);
            MetadataFiles.write(dir.resolve(".zattrs"), new JsonObject(), MetadataFiles.V2_INDENT);
        } else {
            MetadataFiles.write(dir.resolve(V3Metadata.FILE), json, MetadataFiles.V3_INDENT);
        }
        return new ZarrArrayWriter(dir, spec, meta);
    }

    /**
     * A writer for chunks of an array that {@link #create} made with the same spec (e.g. in another process of
     * the same job). Its stored metadata must be what {@code spec} writes.
     *
     * @throws IOException if the array's metadata is missing, unreadable or of another spec
     */
    public static ZarrArrayWriter existing(Path dir, ZarrArraySpec spec) throws IOException {
        DType dtype = new DType(spec.dataType(), ByteOrder.LITTLE_ENDIAN);
        ArrayMetadata meta = metadata(spec, dtype);
        JsonObject json = spec.format() == ZarrFormat.V2 ? V2Metadata.toJson(spec, dtype)
                : V3Metadata.toJson(spec, dtype);
        Path file = dir.resolve(spec.format() == ZarrFormat.V2 ? V2Metadata.FILE : V3Metadata.FILE);
        JsonObject stored;
        try {
            stored = com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": not the metadata of a Zarr array (" + e.getMessage() + ")", e);
        }
        if (!stored.equals(json)) {
            throw new IOException(file + ": the array was made with another spec");
        }
        return new ZarrArrayWriter(dir, spec, meta);
    }

    private static ArrayMetadata metadata(ZarrArraySpec spec, DType dtype) {
        long[] shape = spec.shape();
        int[] chunks = spec.chunks();
        long[] chunkLongs = Arrays.stream(chunks).asLongStream().toArray();
        try {
            ArrayMetadata.checkGrid(shape, chunkLongs, dtype.size(), null);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        double fill = spec.fillValue();
        if (dtype.type().isInteger() && !(fill >= dtype.type().minValue() && fill <= dtype.type().maxValue()
                && fill == Math.rint(fill))) {
            throw new IllegalArgumentException("fill value " + fill + " is not a " + dtype.type().numpyName()
                    + " value");
        }
        ZarrCompressor c = spec.compressor();
        if (c.kind() == ZarrCompressor.Kind.ZLIB && spec.format() == ZarrFormat.V3) {
            throw new IllegalArgumentException("zlib is not a Zarr v3 codec: use gzip, zstd or blosc");
        }
        BytesCodec codec = switch (c.kind()) {
            case NONE -> null;
            case ZSTD -> new ZstdCodec(c.level(), false);
            case GZIP -> new InflateCodec(true, c.level());
            case ZLIB -> new InflateCodec(false, c.level());
            case BLOSC -> new BloscCodec(c.bloscCodec(), c.level(), c.shuffle(), dtype.size());
        };
        CodecChain codecs = codec == null ? CodecChain.raw() : new CodecChain(List.of(codec));
        ChunkKeys keys = new ChunkKeys(spec.format() == ZarrFormat.V3 ? "c" : null, spec.dimensionSeparator());
        return new ArrayMetadata(spec.format(), shape, chunks, dtype, V2Metadata.identity(shape.length),
                dtype.stored(fill), keys, codecs);
    }

    public ZarrArraySpec spec() {
        return spec;
    }

    /**
     * Writes the region {@code [offset, offset + size)} from {@code values} (C order of the region), converted to
     * the array's data type (integers rounded and clamped as numpy's {@code astype} would not: values must fit).
     * {@code offset} must be a multiple of the chunk shape and {@code size} whole chunks, except at the array's
     * end where the region ends with the array.
     *
     * @throws IllegalArgumentException if the region is not chunk-aligned or out of bounds
     */
    public void write(long[] offset, int[] size, double[] values) throws IOException {
        writeRegion(offset, size, values.length,
                (b, c, r, count) -> dtype.fromDoubles(values, r, b, c, count));
    }

    /**
     * As {@link #write(long[], int[], double[])} for integer values: stored as they are in 32-bit types
     * ({@code uint32} takes the bits, so negative ints stand for values of 2³¹ and more), converted as
     * {@link #write(long[], int[], double[])} does in the others.
     */
    public void write(long[] offset, int[] size, int[] values) throws IOException {
        writeRegion(offset, size, values.length, (b, c, r, count) -> dtype.fromInts(values, r, b, c, count));
    }

    /** Copies {@code count} region values from region index {@code r} to chunk element {@code c}. */
    private interface RowFill {
        void fill(ByteBuffer chunk, int c, int r, int count);
    }

    private void writeRegion(long[] offset, int[] size, int length, RowFill rows) throws IOException {
        long n = grid.checkRegion(offset, size);
        if (length < n) {
            throw new IllegalArgumentException(length + " values for a region of " + n);
        }
        long[] shape = meta.shape();
        int[] chunks = meta.chunks();
        for (int d = 0; d < shape.length; d++) {
            if (offset[d] % chunks[d] != 0 || size[d] % chunks[d] != 0 && offset[d] + size[d] != shape[d]) {
                throw new IllegalArgumentException("region [" + offset[d] + ", " + offset[d] + " + " + size[d]
                        + ") of dimension " + d + " is not aligned to chunks of " + chunks[d]);
            }
        }
        if (n == 0) {
            return;
        }
        long[] first = grid.firstChunk(offset);
        long[] last = grid.lastChunk(offset, size);
        long[] index = first.clone();
        do {
            writeChunk(index, offset, size, rows);
        } while (ChunkGrid.next(index, first, last));
    }

    private void writeChunk(long[] index, long[] offset, int[] size, RowFill rows) throws IOException {
        // one chunk buffer per thread, reused: chunks are often several MB, which the collector handles badly
        byte[] raw = buffer.get();
        System.arraycopy(fillChunk, 0, raw, 0, raw.length);
        ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.order());
        try {
            grid.forEachRow(index, offset, size, (c, step, r, count) -> rows.fill(b, c, r, count));
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e); // the row action throws none
        }
        Path file = meta.keys().file(dir, index);
        if (Arrays.equals(raw, fillChunk)) {
            Files.deleteIfExists(file);
            return;
        }
        ChunkFiles.write(file, meta.codecs().encode(raw));
    }
}
