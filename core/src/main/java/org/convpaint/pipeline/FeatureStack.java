package org.convpaint.pipeline;

/**
 * The classifier input of one image: {@code features} float32 maps of {@code depth × height × width} pixels each,
 * stored feature-major ([F, Z, H, W] in C order, like convpaint's {@code s3_features}). Mutable while being filled;
 * not thread-safe for writing.
 */
public final class FeatureStack {
    private final int features;
    private final int depth;
    private final int height;
    private final int width;
    private final float[] data;

    public FeatureStack(int features, int depth, int height, int width) {
        this.features = features;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.data = new float[Math.multiplyExact(features, Math.multiplyExact(depth, Math.multiplyExact(height,
                width)))];
    }

    public int features() {
        return features;
    }

    public int depth() {
        return depth;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Pixels per feature map ({@code Z·H·W}). */
    public int pixels() {
        return depth * height * width;
    }

    /** The backing array, [F][Z][H][W] flattened. */
    public float[] data() {
        return data;
    }
}
