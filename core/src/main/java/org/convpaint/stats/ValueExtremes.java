package org.convpaint.stats;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * The partial result of one {@link BufferRange} for convpaint's ImageNet range check ({@code normalize_image_imagenet}
 * leaves a float32/float64 image unnormalised unless {@code x.min() >= 0 and x.max() <= 1}): the smallest and
 * largest of its values rounded to float32, NaN if any value is NaN. The check covers the whole timepoint, all
 * groups together; minimum and maximum do not depend on the order, but {@link #withinUnitInterval(GroupLayout,
 * Collection)} still insists that every buffer is covered exactly once. Immutable, serialisable.
 *
 * @param range the buffers
 * @param min   the smallest value as float32 (NaN if any is NaN)
 * @param max   the largest value as float32 (NaN if any is NaN)
 */
public record ValueExtremes(BufferRange range, double min, double max) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException if there is no range */
    public ValueExtremes {
        if (range == null) {
            throw new IllegalArgumentException("no range");
        }
    }

    /**
     * The extremes of {@code range}'s values, reading only them.
     *
     * @throws IllegalArgumentException  if {@code values} do not have {@code layout}'s type and shape
     * @throws IndexOutOfBoundsException if {@code range} is not within the layout
     * @throws org.convpaint.image.PixelData.ReadFailure if the values cannot be read
     */
    public static ValueExtremes of(TimepointValues values, GroupLayout layout, BufferRange range) {
        if (!layout.matches(values)) {
            throw new IllegalArgumentException("values of " + values.type() + " do not match " + layout);
        }
        range.checkWithin(layout);
        long start = layout.offset(range.group());
        TimepointValues.Cursor cursor = values.cursor(start + range.firstValue(), start + range.endValue(layout));
        double[] buf = new double[(int) Math.min(Arithmetic.BUFFER, layout.groupSize())];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int b = range.first(); b < range.end(); b++) {
            int len = layout.bufferLength(b);
            cursor.next(buf, len);
            for (int i = 0; i < len; i++) {
                float f = (float) buf[i];
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        return new ValueExtremes(range, lo, hi);
    }

    /**
     * Whether all values lie in {@code [0, 1]} (no NaN), from the extremes of ranges covering every buffer of every
     * group exactly once, given in any order.
     *
     * @throws IllegalArgumentException naming the group and buffers, if ranges are missing or given twice, or lie
     *                                  outside the layout
     */
    public static boolean withinUnitInterval(GroupLayout layout, Collection<ValueExtremes> parts) {
        List<List<ValueExtremes>> groups = Coverage.byGroup(layout, parts, "value extremes", ValueExtremes::range);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < groups.size(); g++) {
            for (ValueExtremes e : Coverage.ordered(layout, g, groups.get(g), "value extremes", ValueExtremes::range)) {
                lo = Math.min(lo, e.min);
                hi = Math.max(hi, e.max);
            }
        }
        return lo >= 0.0 && hi <= 1.0;
    }

    /** {@link #withinUnitInterval(GroupLayout, Collection)} on one machine, one range per group. */
    public static boolean withinUnitInterval(TimepointValues values, GroupLayout layout) {
        return withinUnitInterval(layout, BufferPlan.whole(layout).stream().map(r -> of(values, layout, r)).toList());
    }
}
