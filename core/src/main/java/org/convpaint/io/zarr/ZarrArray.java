package org.convpaint.io.zarr;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;

/**
 * An existing Zarr array (v2 or v3) on the file system, read region by region. Decoded chunks are kept in a small
 * LRU cache (bounded in bytes) so that reading a chunk's rows band by band decodes it once. Thread-safe.
 */
public final class ZarrArray {
    private static final byte[] MISSING = new byte[0];

    private final Path dir;
    private final ArrayMetadata meta;
    private final ChunkGrid grid;
    private final ChunkCache cache;
    private final int chunkBytes;

    private ZarrArray(Path dir, ArrayMetadata meta, long cacheBytes) {
        this.dir = dir;
        this.meta = meta;
        this.grid = new ChunkGrid(meta.shape(), meta.chunks(), meta.chunkStrides());
        this.cache = new ChunkCache(cacheBytes);
        this.chunkBytes = meta.chunkBytes();
    }

    /**
     * Opens the array in folder {@code dir} ({@code .zarray} or {@code zarr.json} with node_type array).
     *
     * @param cacheBytes at most this many bytes of decoded chunks are kept (0: none)
     * @throws InvalidInputException naming {@code dir}: missing or invalid metadata, unsupported dtype, codec,
     *                               order, chunk grid or chunk key encoding, sharding
     */
    public static ZarrArray open(Path dir, long cacheBytes) throws InvalidInputException {
        Path v3 = dir.resolve(V3Metadata.FILE);
        Path v2 = dir.resolve(V2Metadata.FILE);
        ArrayMetadata meta;
        if (MetadataFiles.exists(v3)) {
            JsonObject json = MetadataFiles.read(v3);
            MetadataFields f = new MetadataFields(v3);
            long format = f.integer(f.required(json, "zarr_format"), "zarr_format");
            if (format != 3) {
                throw new InvalidInputException("zarr_format " + format + " in zarr.json is not supported "
                        + "(expected 3)", v3);
            }
            meta = V3Metadata.parse(json, v3);
        } else if (MetadataFiles.exists(v2)) {
            meta = V2Metadata.parse(MetadataFiles.read(v2), v2);
        } else if (MetadataFiles.exists(dir.resolve(".zgroup"))) {
            throw new InvalidInputException("a Zarr group, not an array: open one of its arrays", dir);
        } else {
            throw new InvalidInputException("not a Zarr array: no .zarray or zarr.json (check the path)", dir);
        }
        return new ZarrArray(dir, meta, cacheBytes);
    }

    /** This array with another chunk cache ({@code cacheBytes} of decoded chunks; 0: none), its metadata reused. */
    public ZarrArray withCache(long cacheBytes) {
        return new ZarrArray(dir, meta, cacheBytes);
    }

    public Path path() {
        return dir;
    }

    public ZarrFormat format() {
        return meta.format();
    }

    /** Sizes in C order (a copy). */
    public long[] shape() {
        return meta.shape().clone();
    }

    /** Chunk sizes in C order (a copy). */
    public int[] chunks() {
        return meta.chunks().clone();
    }

    public PixelType dataType() {
        return meta.dtype().type();
    }

    public double fillValue() {
        return meta.fillValue();
    }

    /**
     * Reads the region {@code [offset, offset + size)} into {@code dst} in C order of the region (the last index
     * fastest), as doubles. Chunks never written read as the fill value.
     *
     * @throws InvalidInputException naming the chunk file: truncated, wrong decoded size, corrupt compressed data
     * @throws IllegalArgumentException if the region is not inside the array or {@code dst} is too short
     */
    public void read(long[] offset, int[] size, double[] dst) throws InvalidInputException {
        long n = grid.checkRegion(offset, size);
        if (dst.length < n) {
            throw new IllegalArgumentException("destination of " + dst.length + " values for a region of " + n);
        }
        if (n == 0) {
            return;
        }
        long[] first = grid.firstChunk(offset);
        long[] last = grid.lastChunk(offset, size);
        long[] index = first.clone();
        DType dtype = meta.dtype();
        double fill = meta.fillValue();
        do {
            byte[] chunk = chunk(index);
            if (chunk == MISSING) {
                grid.forEachRow(index, offset, size, (c, step, r, count) -> Arrays.fill(dst, r, r + count, fill));
            } else {
                ByteBuffer b = ByteBuffer.wrap(chunk).order(dtype.order());
                grid.forEachRow(index, offset, size, (c, step, r, count) -> dtype.toDoubles(b, c, step, dst, r, count));
            }
        } while (ChunkGrid.next(index, first, last));
    }

    /** The file of the chunk at grid index {@code index} (whether or not it exists); for tests. */
    Path chunkFile(long[] index) {
        return meta.keys().file(dir, index);
    }

    /** The decoded chunk at grid index {@code index}, or {@link #MISSING}; from the cache when there. */
    private byte[] chunk(long[] index) throws InvalidInputException {
        String key = meta.keys().key(index);
        byte[] chunk = cache.get(key);
        if (chunk == null) {
            chunk = ChunkFiles.read(dir.resolve(key), meta.codecs(), chunkBytes);
            if (chunk == null) {
                chunk = MISSING;
            }
            cache.put(key, chunk);
        }
        return chunk;
    }
}
