package org.convpaint.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The z-score statistics of every group of a layout, as {@code Normalization} applies them: numpy's
 * {@code x.mean()} and the floored population std {@code max(x.std(), 1e-6)} in the layout's {@link Arithmetic}
 * (float16: {@code float16(1e-6)}). Computed on one machine ({@link #of}) or combined from the partial results of
 * two distributed passes ({@link GroupMeans#combine}, then {@link #combine}); both give the same bits. Immutable
 * (arrays are copied in and out), serialisable.
 *
 * @param layout the groups
 * @param mean   the mean of each group
 * @param std    the floored std of each group
 */
public record GroupStatistics(GroupLayout layout, double[] mean, double[] std) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException if the arrays do not hold one value per group */
    public GroupStatistics {
        if (mean.length != layout.groups() || std.length != layout.groups()) {
            throw new IllegalArgumentException(mean.length + " means and " + std.length + " stds for "
                    + layout.groups() + " groups");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The statistics of {@code values} on one machine: per group, both passes over one range of all its buffers,
     * combined like distributed partials (each group is read twice in a row, so a cache holding a group is read
     * from its source once).
     *
     * @throws IllegalArgumentException if {@code values} do not have {@code layout}'s type and shape
     * @throws org.convpaint.image.PixelData.ReadFailure if the values cannot be read
     */
    public static GroupStatistics of(TimepointValues values, GroupLayout layout) {
        double[] mean = new double[layout.groups()];
        double[] std = new double[layout.groups()];
        for (BufferRange whole : BufferPlan.whole(layout)) {
            int g = whole.group();
            double[] mc = GroupMeans.combineGroup(layout, g, List.of(BufferSums.values(values, layout, whole)));
            mean[g] = mc[0];
            std[g] = stdOfGroup(layout, g, mc[1], List.of(BufferSums.deviations(values, layout, whole, mc[1])));
        }
        return new GroupStatistics(layout, mean, std);
    }

    /**
     * Combines the second pass's sums of squared deviations ({@link BufferSums#deviations}) of all groups, given
     * in any order, in buffer order, with the first pass's {@code means}.
     *
     * @throws IllegalArgumentException naming the group and buffers, if sums are missing or given twice, lie
     *                                  outside the layout, are value sums, or were taken from another center
     *                                  than {@code means}'
     */
    public static GroupStatistics combine(GroupMeans means, Collection<BufferSums> deviationSums) {
        GroupLayout layout = means.layout();
        List<List<BufferSums>> groups = Coverage.byGroup(layout, deviationSums, "deviation sums",
                BufferSums::range);
        double[] std = new double[layout.groups()];
        for (int g = 0; g < std.length; g++) {
            std[g] = stdOfGroup(layout, g, means.center(g), groups.get(g));
        }
        return new GroupStatistics(layout, means.mean(), std);
    }

    private static double stdOfGroup(GroupLayout layout, int g, double center, Collection<BufferSums> parts) {
        for (BufferSums s : parts) {
            if (!s.deviations()) {
                throw new IllegalArgumentException("value sums (" + s + ") given as sums of squared deviations");
            }
            if (Double.compare(s.center(), center) != 0) {
                throw new IllegalArgumentException("the " + s + " were taken from another center than group " + g
                        + "'s, " + center);
            }
        }
        return layout.arithmetic().std(Coverage.groupSums(layout, g, parts, "deviation sums"), layout.groupSize());
    }

    /** The mean of group {@code g}. */
    public double mean(int g) {
        return mean[g];
    }

    /** The floored std of group {@code g}. */
    public double std(int g) {
        return std[g];
    }

    /** Copies of the means. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** Copies of the floored stds. */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** Equal layouts, means and stds (bit for bit, NaNs alike). */
    @Override
    public boolean equals(Object o) {
        return o instanceof GroupStatistics s && s.layout.equals(layout) && Arrays.equals(s.mean, mean)
                && Arrays.equals(s.std, std);
    }

    @Override
    public int hashCode() {
        return layout.hashCode() * 31 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "GroupStatistics[" + layout + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + "]";
    }
}
