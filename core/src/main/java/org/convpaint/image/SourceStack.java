package org.convpaint.image;

/**
 * An input image as [C, Z, H, W] over compact {@link PixelData}: the raw values the pipeline normalises and
 * resamples window by window. Immutable by convention.
 *
 * @param channels C
 * @param depth    Z
 * @param height   H
 * @param width    W
 * @param data     {@code C·Z·H·W} values in C order
 */
public record SourceStack(int channels, int depth, int height, int width, PixelData data) {

    public SourceStack {
        if ((long) channels * depth * height * width != data.length()) {
            throw new IllegalArgumentException("data does not match shape");
        }
    }

    /** Wraps a dense stack (its values are converted to compact storage). */
    public static SourceStack of(ImageStack s) {
        return new SourceStack(s.channels(), s.depth(), s.height(), s.width(), PixelData.of(s.data(), s.type()));
    }

    public PixelType type() {
        return data.type();
    }

    public int planeSize() {
        return height * width;
    }

    /** Offset of plane (c, z). */
    public int planeOffset(int c, int z) {
        return (c * depth + z) * height * width;
    }
}
