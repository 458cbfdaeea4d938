package org.convpaint.io.zarr;

import org.convpaint.image.PixelType;

/**
 * What an array to be written looks like. Arrays are copied in and out. Immutable.
 *
 * @param format     v2 or v3
 * @param shape      sizes in C order (each ≥ 0)
 * @param chunks     chunk sizes, one per dimension (each ≥ 1)
 * @param dataType   element type, stored little-endian
 * @param compressor chunk compression
 * @param fillValue  value of chunks never written (and the array's {@code fill_value})
 * @param dimensionSeparator {@code "/"} or {@code "."} (v2's {@code dimension_separator}; v3 uses the default
 *                   chunk key encoding with this separator)
 */
public record ZarrArraySpec(ZarrFormat format, long[] shape, int[] chunks, PixelType dataType,
        ZarrCompressor compressor, double fillValue, String dimensionSeparator) {

    public ZarrArraySpec {
        shape = shape.clone();
        chunks = chunks.clone();
        if (shape.length != chunks.length) {
            throw new IllegalArgumentException("shape and chunks differ in rank");
        }
        if (!"/".equals(dimensionSeparator) && !".".equals(dimensionSeparator)) {
            throw new IllegalArgumentException("dimension separator must be / or .");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunks() {
        return chunks.clone();
    }
}
