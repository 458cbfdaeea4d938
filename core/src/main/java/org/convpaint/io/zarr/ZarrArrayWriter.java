package org.convpaint.io.zarr;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates a Zarr array and writes it chunk by chunk. Each {@link #write} call covers whole chunks (clipped at the
 * array's end), so no chunk is read back. Chunks may be written from several threads at once, but each chunk by
 * one thread only. Holds no open files between calls.
 */
public final class ZarrArrayWriter {

    /**
     * Creates the array's folder and metadata ({@code .zarray} with empty {@code .zattrs}, or {@code zarr.json}).
     *
     * @throws IOException if {@code dir} exists and is not empty, or cannot be written
     */
    public static ZarrArrayWriter create(Path dir, ZarrArraySpec spec) throws IOException {
        throw new UnsupportedOperationException("skeleton");
    }

    public ZarrArraySpec spec() {
        throw new UnsupportedOperationException("skeleton");
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
        throw new UnsupportedOperationException("skeleton");
    }
}
