package org.convpaint.pipeline;

import org.convpaint.resample.SkimageResize;

/**
 * The last step of convpaint's {@code _restore_shape}: when {@code image_downsample} is not −1, 0 or 1, the class
 * probabilities of the downsampled grid are skimage-resized with order 1 to the input size. The centred pre-pad of
 * the downsampling is deliberately not undone (convpaint stretches the ceil(H/k) grid onto H pixels). (Unpatching
 * and cropping the padding happen per tile in {@link TiledPrediction}.) Stateless.
 */
public final class ProbabilityRestoration {
    private ProbabilityRestoration() {
    }

    /** Probabilities [K, Z, h, w] on the downsampled grid resized to [K, Z, height, width]. */
    static Probabilities toInputSize(Probabilities onGrid, int height, int width) {
        double[] d = SkimageResize.resize(onGrid.data(), onGrid.classes() * onGrid.depth(), onGrid.height(),
                onGrid.width(), height, width, 1, false);
        return new Probabilities(onGrid.classes(), onGrid.depth(), height, width, d);
    }

    /**
     * The labels {@link LabelAssignment#argmax} gives on {@link #toInputSize}, computed row by row without holding
     * the restored probabilities (K doubles per pixel).
     *
     * @param onGrid  probabilities [K, Z, h, w] on the downsampled grid
     * @param classes the class values, K of them
     * @return labels [Z, height, width]
     */
    static int[] labelsAtInputSize(Probabilities onGrid, int[] classes, int height, int width) {
        int[] labels = new int[onGrid.depth() * height * width];
        SkimageResize.resizeArgmax(onGrid.data(), onGrid.classes(), onGrid.depth(), onGrid.height(), onGrid.width(),
                height, width, 1, labels);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes[labels[i]];
        }
        return labels;
    }
}
