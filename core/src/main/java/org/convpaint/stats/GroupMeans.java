package org.convpaint.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The first pass's result for every group of a layout: numpy's {@code x.mean()}, and the center {@code x.std()}
 * subtracts (the same value except for float16, see {@link Arithmetic}). A driver hands it to the second pass
 * ({@link BufferSums#deviations}). Immutable (arrays are copied in and out), serialisable.
 *
 * @param layout the groups
 * @param mean   the mean of each group
 * @param center the center of each group
 */
public record GroupMeans(GroupLayout layout, double[] mean, double[] center) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException if the arrays do not hold one value per group */
    public GroupMeans {
        if (mean.length != layout.groups() || center.length != layout.groups()) {
            throw new IllegalArgumentException(mean.length + " means and " + center.length + " centers for "
                    + layout.groups() + " groups");
        }
        mean = mean.clone();
        center = center.clone();
    }

    /**
     * Combines the value sums ({@link BufferSums#values}) of all groups, given in any order, in buffer order.
     *
     * @throws IllegalArgumentException naming the group and buffers, if sums are missing or given twice, lie
     *                                  outside the layout, or are sums of deviations
     */
    public static GroupMeans combine(GroupLayout layout, Collection<BufferSums> valueSums) {
        for (BufferSums s : valueSums) {
            if (s != null && s.deviations()) {
                throw new IllegalArgumentException("sums of squared deviations (" + s + ") given as value sums");
            }
        }
        List<List<BufferSums>> groups = Coverage.byGroup(layout, valueSums, "value sums", BufferSums::range);
        double[] mean = new double[layout.groups()];
        double[] center = new double[layout.groups()];
        for (int g = 0; g < mean.length; g++) {
            double[] mc = combineGroup(layout, g, groups.get(g));
            mean[g] = mc[0];
            center[g] = mc[1];
        }
        return new GroupMeans(layout, mean, center);
    }

    /**
     * The mean and the center of group {@code g} from its value sums (in any order).
     *
     * @throws IllegalArgumentException if the sums do not cover the group's buffers exactly once
     */
    static double[] combineGroup(GroupLayout layout, int g, Collection<BufferSums> valueSums) {
        double[] sums = Coverage.groupSums(layout, g, valueSums, "value sums");
        Arithmetic arithmetic = layout.arithmetic();
        return new double[] {arithmetic.mean(sums, layout.groupSize()), arithmetic.center(sums, layout.groupSize())};
    }

    /** The mean of group {@code g}. */
    public double mean(int g) {
        return mean[g];
    }

    /** The center of group {@code g}: what its second-pass deviations are taken from. */
    public double center(int g) {
        return center[g];
    }

    /** Copies of the means. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** Copies of the centers. */
    @Override
    public double[] center() {
        return center.clone();
    }

    /** Equal layouts, means and centers (bit for bit, NaNs alike). */
    @Override
    public boolean equals(Object o) {
        return o instanceof GroupMeans m && m.layout.equals(layout) && Arrays.equals(m.mean, mean)
                && Arrays.equals(m.center, center);
    }

    @Override
    public int hashCode() {
        return layout.hashCode() * 31 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(center);
    }

    @Override
    public String toString() {
        return "GroupMeans[" + layout + ", mean=" + Arrays.toString(mean) + ", center=" + Arrays.toString(center)
                + "]";
    }
}
