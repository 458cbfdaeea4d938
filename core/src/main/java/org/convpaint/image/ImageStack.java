package org.convpaint.image;

import java.util.Objects;

/**
 * A dense 4-D image [C, Z, H, W] in C order: channel, plane, row, column. Values are held as {@code double}; the
 * {@link PixelType} records the numpy dtype they stand for, which decides the arithmetic later stages use
 * (integer images are processed in float64, float32 images in float32, as numpy would).
 *
 * <p>The backing array is exposed for speed and is mutable; stages never modify an input stack and return new
 * ones. Not thread-safe for writing.
 */
public final class ImageStack {
    private final int channels;
    private final int depth;
    private final int height;
    private final int width;
    private final double[] data;
    private final PixelType type;

    /**
     * @param data {@code channels × depth × height × width} values; not copied
     */
    public ImageStack(int channels, int depth, int height, int width, double[] data, PixelType type) {
        if (channels < 1 || depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("empty image " + channels + "x" + depth + "x" + height + "x" + width);
        }
        if ((long) channels * depth * height * width != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " does not match shape");
        }
        this.channels = channels;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.data = data;
        this.type = Objects.requireNonNull(type);
    }

    /** A zero-filled stack. */
    public static ImageStack zeros(int c, int z, int h, int w, PixelType type) {
        return new ImageStack(c, z, h, w, new double[Math.multiplyExact(Math.multiplyExact(c, z),
                Math.multiplyExact(h, w))], type);
    }

    public int channels() {
        return channels;
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

    public PixelType type() {
        return type;
    }

    /** The backing array, {@code [C][Z][H][W]} flattened. */
    public double[] data() {
        return data;
    }

    /** Number of values in one plane. */
    public int planeSize() {
        return height * width;
    }

    /** Offset of plane {@code (c, z)} in {@link #data()}. */
    public int planeOffset(int c, int z) {
        return (c * depth + z) * height * width;
    }

    /** Shape as {@code [C, Z, H, W]}. */
    public int[] shape() {
        return new int[] {channels, depth, height, width};
    }

    /**
     * The values as float32 in [Z, C, H, W] order (planes as a batch of C-channel images, as torch takes them).
     *
     * @return a new array
     */
    public float[] toBatchFloats() {
        int plane = planeSize();
        float[] out = new float[channels * depth * plane];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < depth; p++) {
                int src = planeOffset(c, p);
                int dst = (p * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    out[dst + i] = (float) data[src + i];
                }
            }
        }
        return out;
    }

    /** The same values tagged with another pixel type (no conversion). */
    public ImageStack withType(PixelType newType) {
        return new ImageStack(channels, depth, height, width, data, newType);
    }

    /** One channel as a one-channel stack (copy). */
    public ImageStack channel(int c) {
        double[] out = new double[depth * height * width];
        System.arraycopy(data, planeOffset(c, 0), out, 0, out.length);
        return new ImageStack(1, depth, height, width, out, type);
    }

    @Override
    public String toString() {
        return "ImageStack[" + channels + "," + depth + "," + height + "," + width + "] " + type.numpyName();
    }
}
