package org.convpaint.io.zarr;

import java.nio.file.Path;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;

/**
 * An existing Zarr array (v2 or v3) on the file system, read region by region. Decoded chunks are kept in a small
 * LRU cache (bounded in bytes) so that reading a chunk's rows band by band decodes it once. Thread-safe.
 */
public final class ZarrArray {

    /**
     * Opens the array in folder {@code dir} ({@code .zarray} or {@code zarr.json} with node_type array).
     *
     * @param cacheBytes at most this many bytes of decoded chunks are kept (0: none)
     * @throws InvalidInputException naming {@code dir}: missing or invalid metadata, unsupported dtype, codec,
     *                               order, chunk grid or chunk key encoding, sharding
     */
    public static ZarrArray open(Path dir, long cacheBytes) throws InvalidInputException {
        throw new UnsupportedOperationException("skeleton");
    }

    public Path path() {
        throw new UnsupportedOperationException("skeleton");
    }

    public ZarrFormat format() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Sizes in C order (a copy). */
    public long[] shape() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Chunk sizes in C order (a copy). */
    public int[] chunks() {
        throw new UnsupportedOperationException("skeleton");
    }

    public PixelType dataType() {
        throw new UnsupportedOperationException("skeleton");
    }

    public double fillValue() {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Reads the region {@code [offset, offset + size)} into {@code dst} in C order of the region (the last index
     * fastest), as doubles. Chunks never written read as the fill value.
     *
     * @throws InvalidInputException naming the chunk file: truncated, wrong decoded size, corrupt compressed data
     */
    public void read(long[] offset, int[] size, double[] dst) throws InvalidInputException {
        throw new UnsupportedOperationException("skeleton");
    }
}
