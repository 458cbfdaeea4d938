package org.convpaint.stats;

import java.io.Serializable;

import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;

/**
 * How the values of one timepoint, [C, Z, H, W] in C order, fall into statistics groups, and in which arithmetic
 * they are summed: per channel over (Z, H, W) ({@code perPlane} false: convpaint's {@code normalize} 2) or per
 * channel and plane over (H, W) ({@code perPlane} true: any other {@code normalize}). Either way a group is a
 * contiguous run of the C-order values: group {@code g} holds the values from {@link #offset(int) offset(g)} on, in
 * the order z, y, x; its {@link #buffers()} buffers are consecutive runs of {@link Arithmetic#BUFFER} values, the
 * last one possibly shorter. Immutable, serialisable.
 *
 * @param type     the pixel type of the values (decides the {@link #arithmetic()})
 * @param channels C, at least 1
 * @param depth    Z, at least 1
 * @param height   H, at least 1
 * @param width    W, at least 1
 * @param perPlane one group per (channel, plane) instead of one per channel
 */
public record GroupLayout(PixelType type, int channels, int depth, int height, int width, boolean perPlane)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @throws IllegalArgumentException if a size is below 1, a plane has more than {@code 2³¹ − 1} values or a
     *                                  group more than {@code 2³¹ − 1} buffers
     */
    public GroupLayout {
        if (type == null) {
            throw new IllegalArgumentException("no pixel type");
        }
        if (channels < 1 || depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("empty layout " + channels + "×" + depth + "×" + height + "×" + width);
        }
        if ((long) height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("planes of " + height + "×" + width + " values are too large");
        }
        long groupSize = (perPlane ? 1L : depth) * height * width;
        if ((groupSize + Arithmetic.BUFFER - 1) / Arithmetic.BUFFER > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("groups of " + groupSize + " values are too large");
        }
    }

    /** The layout {@code Normalization} uses for {@code normalize}: per channel for 2, per plane otherwise. */
    public static GroupLayout forNormalize(PixelType type, int channels, int depth, int height, int width,
            int normalize) {
        return new GroupLayout(type, channels, depth, height, width, normalize != 2);
    }

    /** {@link #forNormalize} with the shape and pixel type of {@code stack}. */
    public static GroupLayout of(SourceStack stack, int normalize) {
        return forNormalize(stack.type(), stack.channels(), stack.depth(), stack.height(), stack.width(),
                normalize);
    }

    /** The arithmetic of the pixel type. */
    public Arithmetic arithmetic() {
        return Arithmetic.of(type);
    }

    /** Number of groups: C, or C·Z per plane. */
    public int groups() {
        return perPlane ? channels * depth : channels;
    }

    /** Values per group: Z·H·W, or H·W per plane. */
    public long groupSize() {
        return (perPlane ? 1L : depth) * planeSize();
    }

    /** Values per plane: H·W. */
    public int planeSize() {
        return height * width;
    }

    /** Buffers per group: {@code ceil(groupSize / 8192)}. */
    public int buffers() {
        return (int) ((groupSize() + Arithmetic.BUFFER - 1) / Arithmetic.BUFFER);
    }

    /** Values in buffer {@code b} of a group: 8192, except for a shorter last buffer. */
    public int bufferLength(int b) {
        checkBuffer(b, b + 1);
        return (int) Math.min(Arithmetic.BUFFER, groupSize() - (long) b * Arithmetic.BUFFER);
    }

    /** Position (C order over the whole timepoint) of the first value of group {@code g}. */
    public long offset(int g) {
        checkGroup(g);
        return g * groupSize();
    }

    /** The channel of group {@code g}. */
    public int channel(int g) {
        checkGroup(g);
        return perPlane ? g / depth : g;
    }

    /** The group of plane {@code (c, z)}. */
    public int group(int c, int z) {
        if (c < 0 || c >= channels || z < 0 || z >= depth) {
            throw new IndexOutOfBoundsException("plane (" + c + ", " + z + ") of " + channels + "×" + depth);
        }
        return perPlane ? c * depth + z : c;
    }

    /** Whether {@code values} have this layout's pixel type and shape. */
    public boolean matches(TimepointValues values) {
        return values.type() == type && values.channels() == channels && values.depth() == depth
                && values.height() == height && values.width() == width;
    }

    void checkGroup(int g) {
        if (g < 0 || g >= groups()) {
            throw new IndexOutOfBoundsException("group " + g + " of " + groups());
        }
    }

    void checkBuffer(int first, int end) {
        if (first < 0 || end > buffers() || first >= end) {
            throw new IndexOutOfBoundsException("buffers [" + first + ", " + end + ") of " + buffers());
        }
    }
}
