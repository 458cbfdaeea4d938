package org.convpaint.io.zarr;

import org.convpaint.image.PixelType;

/**
 * The test arrays' values by formula: element {@code i} (its C-order index in the whole array) of an array of
 * type {@code t}, exactly representable in {@code t}. Independent of the code under test.
 */
final class ZarrValues {
    private ZarrValues() {
    }

    static double value(PixelType t, long i) {
        return switch (t) {
            case UINT8 -> (i * 37 + 11) % 256;
            case INT8 -> (i * 37 + 11) % 256 - 128;
            case UINT16 -> (i * 4099 + 7) % 65536;
            case INT16 -> (i * 4099 + 7) % 65536 - 32768;
            case UINT32 -> (i * 2654435761L + 13) % 4294967296L;
            case INT32 -> (i * 2654435761L + 13) % 4294967296L - 2147483648L;
            case FLOAT16 -> (i % 4001) * 0.25 - 500; // steps of 0.25 below 512: exact halves
            case FLOAT32 -> (float) (i * 0.37 - 1000.5);
            case FLOAT64 -> i * 1.0e-3 - 7.25 + Math.sqrt(i);
        };
    }

    /** The values of region {@code [offset, offset + size)} of an array of {@code shape}, C order. */
    static double[] region(PixelType t, long[] shape, long[] offset, int[] size) {
        int n = 1;
        for (int s : size) {
            n *= s;
        }
        double[] v = new double[n];
        int[] at = new int[size.length];
        for (int k = 0; k < n; k++) {
            long i = 0;
            for (int d = 0; d < shape.length; d++) {
                i = i * shape[d] + offset[d] + at[d];
            }
            v[k] = value(t, i);
            for (int d = size.length - 1; d >= 0; d--) {
                if (++at[d] < size[d]) {
                    break;
                }
                at[d] = 0;
            }
        }
        return v;
    }
}
