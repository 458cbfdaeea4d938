package org.convpaint.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The partial result of one {@link BufferRange}: numpy's sum over each of its buffers, in buffer order — of the
 * values (first pass, {@link #values}) or of their squared deviations from the group's center (second pass,
 * {@link #deviations}), in the layout's {@link Arithmetic} (a float32 sum is held exactly as a double). Combined by
 * {@link GroupMeans#combine} and {@link GroupStatistics#combine}. Immutable (the array is copied in and out),
 * serialisable plain data.
 *
 * @param group       the group
 * @param firstBuffer the buffer of {@code sums[0]}
 * @param sums        one sum per buffer, buffers {@code firstBuffer, firstBuffer + 1, ...}; at least one
 * @param deviations  sums of squared deviations from {@code center} instead of sums of values
 * @param center      the value the deviations are taken from; 0 for sums of values
 */
public record BufferSums(int group, int firstBuffer, double[] sums, boolean deviations, double center)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException if there is no sum, the range is negative, or values have a center */
    public BufferSums {
        if (sums == null || sums.length == 0) {
            throw new IllegalArgumentException("no buffer sums");
        }
        sums = sums.clone();
        new BufferRange(group, firstBuffer, firstBuffer + sums.length);
        if (!deviations && Double.doubleToRawLongBits(center) != 0L) {
            throw new IllegalArgumentException("sums of values have no center, got " + center);
        }
    }

    /**
     * First pass: the value sums of {@code range}, reading only its values.
     *
     * @throws IllegalArgumentException  if {@code values} do not have {@code layout}'s type and shape
     * @throws IndexOutOfBoundsException if {@code range} is not within the layout
     * @throws org.convpaint.image.PixelData.ReadFailure if the values cannot be read
     */
    public static BufferSums values(TimepointValues values, GroupLayout layout, BufferRange range) {
        return new BufferSums(range.group(), range.first(), compute(values, layout, range, false, 0.0), false,
                0.0);
    }

    /**
     * Second pass: the sums of squared deviations of {@code range}'s values from its group's
     * {@link GroupMeans#center}, reading only its values.
     *
     * @throws IllegalArgumentException  if {@code means} are not of {@code layout} or {@code values} do not have
     *                                   its type and shape
     * @throws IndexOutOfBoundsException if {@code range} is not within the layout
     * @throws org.convpaint.image.PixelData.ReadFailure if the values cannot be read
     */
    public static BufferSums deviations(TimepointValues values, GroupLayout layout, BufferRange range,
            GroupMeans means) {
        if (!means.layout().equals(layout)) {
            throw new IllegalArgumentException("means of " + means.layout() + " given for " + layout);
        }
        range.checkWithin(layout);
        return deviations(values, layout, range, means.center(range.group()));
    }

    static BufferSums deviations(TimepointValues values, GroupLayout layout, BufferRange range, double center) {
        return new BufferSums(range.group(), range.first(), compute(values, layout, range, true, center), true,
                center);
    }

    private static double[] compute(TimepointValues values, GroupLayout layout, BufferRange range,
            boolean deviations, double center) {
        if (!layout.matches(values)) {
            throw new IllegalArgumentException("values of " + values.type() + " " + values.channels() + "×"
                    + values.depth() + "×" + values.height() + "×" + values.width() + " do not match " + layout);
        }
        range.checkWithin(layout);
        Arithmetic arithmetic = layout.arithmetic();
        long start = layout.offset(range.group());
        TimepointValues.Cursor cursor = values.cursor(start + range.firstValue(), start + range.endValue(layout));
        int capacity = (int) Math.min(Arithmetic.BUFFER, layout.groupSize());
        double[] raw = new double[capacity];
        float[] scratch = new float[capacity];
        double[] out = new double[range.buffers()];
        for (int b = range.first(); b < range.end(); b++) {
            int len = layout.bufferLength(b);
            cursor.next(raw, len);
            out[b - range.first()] = arithmetic.bufferSum(raw, len, deviations, center, scratch);
        }
        return out;
    }

    /** The buffers these sums cover. */
    public BufferRange range() {
        return new BufferRange(group, firstBuffer, firstBuffer + sums.length);
    }

    /** A copy of the sums. */
    @Override
    public double[] sums() {
        return sums.clone();
    }

    /** The sum of buffer {@code firstBuffer + i}. */
    public double sum(int i) {
        return sums[i];
    }

    /** Copies the sums into {@code dst} at their buffer positions. */
    void copyInto(double[] dst) {
        System.arraycopy(sums, 0, dst, firstBuffer, sums.length);
    }

    /** Number of sums (buffers). */
    public int size() {
        return sums.length;
    }

    /** Equal group, range, kind, center and sums (bit for bit, NaNs alike). */
    @Override
    public boolean equals(Object o) {
        return o instanceof BufferSums b && b.group == group && b.firstBuffer == firstBuffer
                && b.deviations == deviations && Double.compare(b.center, center) == 0 && Arrays.equals(b.sums, sums);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sums) * 31 + Double.hashCode(center) + group * 7 + firstBuffer;
    }

    @Override
    public String toString() {
        return (deviations ? "squared deviations from " + center : "value sums") + " of " + range();
    }
}
