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
        this(features, depth, height, width, null);
    }

    /**
     * A stack over {@code buffer} when it holds at least {@code features × depth × height × width} values (its
     * contents are then overwritten by whoever fills the stack and {@link #data()} may be longer than the maps),
     * else over a new array.
     */
    public FeatureStack(int features, int depth, int height, int width, float[] buffer) {
        this.features = features;
        this.depth = depth;
        this.height = height;
        this.width = width;
        int size = Math.multiplyExact(features, Math.multiplyExact(depth, Math.multiplyExact(height, width)));
        this.data = buffer != null && buffer.length >= size ? buffer : new float[size];
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

    /** The backing array, [F][Z][H][W] flattened (possibly followed by unused values, see the constructor). */
    public float[] data() {
        return data;
    }
}
