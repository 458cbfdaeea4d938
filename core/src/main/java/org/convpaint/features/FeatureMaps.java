package org.convpaint.features;

/**
 * A block of feature maps [F, Z, h, w] in C order, as one extractor call returns it (one layer, or all features of
 * a channel series). Values are float32 ({@link #floats()}) for torch extractors and float64 or float32-rounded
 * doubles ({@link #doubles()}) for numpy extractors; exactly one of the two is non-null. Not copied; treat as
 * immutable.
 *
 * @param features number of maps F
 * @param depth    planes Z
 * @param height   rows h
 * @param width    columns w
 * @param floats   float32 values, or null
 * @param doubles  float64 values (or float32 values held as doubles when {@code float32}), or null
 * @param float32  whether {@code doubles} holds float32 values (numpy would keep them float32)
 */
public record FeatureMaps(int features, int depth, int height, int width, float[] floats, double[] doubles,
        boolean float32) {

    public FeatureMaps {
        if ((floats == null) == (doubles == null)) {
            throw new IllegalArgumentException("exactly one of floats and doubles must be given");
        }
        long n = (long) features * depth * height * width;
        if ((floats != null ? floats.length : doubles.length) != n) {
            throw new IllegalArgumentException("feature map size does not match its shape");
        }
    }

    public static FeatureMaps ofFloats(int f, int z, int h, int w, float[] values) {
        return new FeatureMaps(f, z, h, w, values, null, true);
    }

    public static FeatureMaps ofDoubles(int f, int z, int h, int w, double[] values, boolean float32) {
        return new FeatureMaps(f, z, h, w, null, values, float32);
    }
}
