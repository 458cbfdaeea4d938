package org.convpaint.spark;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.convpaint.ConvpaintException;
import org.convpaint.pipeline.Normalization;
import org.convpaint.pipeline.TimepointStatistics;
import org.convpaint.run.BlockwiseImage;
import org.convpaint.stats.BufferPlan;
import org.convpaint.stats.BufferRange;
import org.convpaint.stats.BufferSums;
import org.convpaint.stats.GroupLayout;
import org.convpaint.stats.GroupMeans;
import org.convpaint.stats.GroupStatistics;
import org.convpaint.stats.ValueExtremes;

/**
 * A timepoint's normalisation computed over the executors: each task sums whole numpy buffers of the rows it is
 * given, the driver adds the sums in numpy's order (mean), then the same for the squared deviations (std); or the
 * ImageNet range check's extremes. The result equals the one-machine normalisation bit for bit. Stateless.
 */
final class Prepass {
    private Prepass() {
    }

    /** The normalisation of timepoint {@code t}; ranges of {@code rows} rows per task. */
    static Normalization normalization(JavaSparkContext sc, BlockwiseImage image, Broadcast<ExecutorImages> shared,
            int t, int rows) throws ConvpaintException {
        TimepointStatistics st = image.statistics(t);
        GroupLayout layout = st.layout();
        return switch (st.prepass()) {
            case NONE -> st.withoutPrepass();
            case RANGE_CHECK -> {
                List<BufferRange> ranges = BufferPlan.rowBands(layout, rows);
                List<ValueExtremes> parts = sc.parallelize(ranges, ranges.size()).map(r -> {
                    try (ExecutorImages.Opened o = shared.value().lease()) {
                        return ValueExtremes.of(o.image().statistics(t).values(), layout, r);
                    }
                }).collect();
                yield st.fromRangeCheck(ValueExtremes.withinUnitInterval(layout, parts));
            }
            case STATISTICS -> {
                List<BufferRange> ranges = BufferPlan.rowBands(layout, rows);
                List<BufferSums> sums = sc.parallelize(ranges, ranges.size()).map(r -> {
                    try (ExecutorImages.Opened o = shared.value().lease()) {
                        return BufferSums.values(o.image().statistics(t).values(), layout, r);
                    }
                }).collect();
                GroupMeans means = GroupMeans.combine(layout, sums);
                Broadcast<GroupMeans> bm = sc.broadcast(means);
                List<BufferSums> deviations = sc.parallelize(ranges, ranges.size()).map(r -> {
                    try (ExecutorImages.Opened o = shared.value().lease()) {
                        return BufferSums.deviations(o.image().statistics(t).values(), layout, r, bm.value());
                    }
                }).collect();
                yield st.fromStatistics(GroupStatistics.combine(means, deviations));
            }
        };
    }
}
