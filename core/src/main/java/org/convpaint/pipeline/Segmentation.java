package org.convpaint.pipeline;

import java.util.List;

import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.IntGrid;

/**
 * The result for one timepoint: labels (the model's class values) and, if requested, class probabilities. The
 * labels may be in a scratch file ({@link IntGrid#array()} null), owned by the scope the segmenter was given.
 *
 * @param axes          {@code "ZYX"} if the input had a Z axis, else {@code "YX"}
 * @param depth         Z (1 for 2-D input)
 * @param height        H, as the input
 * @param width         W, as the input
 * @param labels        [1, Z, H, W], in the heap or in a scratch file
 * @param probabilities [K, Z, H, W] in the heap, or null
 * @param warnings      what convpaint would have warned about
 * @param stageSeconds  wall time per stage, in pipeline order
 */
public record Segmentation(String axes, int depth, int height, int width, IntGrid labels,
        DoubleGrid probabilities, List<String> warnings, java.util.Map<String, Double> stageSeconds) {

    /** This result with other labels (same shape), e.g. post-processed ones replacing the class labels. */
    public Segmentation withLabels(IntGrid newLabels) {
        if (!newLabels.shape().equals(labels.shape())) {
            throw new IllegalArgumentException("labels of another shape");
        }
        return new Segmentation(axes, depth, height, width, newLabels, probabilities, warnings, stageSeconds);
    }

    /** This result with {@code before} timed ahead of the pipeline's stages and {@code after} behind them. */
    public Segmentation withStages(java.util.Map<String, Double> before, java.util.Map<String, Double> after) {
        java.util.Map<String, Double> all = new java.util.LinkedHashMap<>(before);
        all.putAll(stageSeconds);
        all.putAll(after);
        return new Segmentation(axes, depth, height, width, labels, probabilities, warnings,
                java.util.Collections.unmodifiableMap(all));
    }
}
