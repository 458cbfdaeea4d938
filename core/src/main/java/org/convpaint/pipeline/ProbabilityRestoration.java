package org.convpaint.pipeline;

import java.io.IOException;

import org.convpaint.image.LabelVolume;
import org.convpaint.resample.SkimageResize;

/**
 * The last step of convpaint's {@code _restore_shape}: when {@code image_downsample} is not −1, 0 or 1, the class
 * probabilities of the downsampled grid are skimage-resized with order 1 to the input size. The centred pre-pad of
 * the downsampling is deliberately not undone (convpaint stretches the ceil(H/k) grid onto H pixels). (Unpatching
 * and cropping the padding happen per tile in {@link TiledPrediction}.) Stateless.
 */
public final class ProbabilityRestoration {
    /** Output rows restored per band from spilled probabilities. */
    static final int BAND_ROWS = 256;

    private ProbabilityRestoration() {
    }

    /** Probabilities [K, Z, h, w] on the downsampled grid resized to [K, Z, height, width]. */
    static Probabilities toInputSize(Probabilities onGrid, int height, int width) {
        double[] d = SkimageResize.resize(onGrid.data(), onGrid.classes() * onGrid.depth(), onGrid.height(),
                onGrid.width(), height, width, 1, false);
        return new Probabilities(onGrid.classes(), onGrid.depth(), height, width, d);
    }

    /**
     * The labels {@link LabelAssignment#argmax} gives on {@link #toInputSize}, computed without holding the
     * restored probabilities (K doubles per pixel): the grid's probabilities (in the heap or in a scratch file) are
     * read a band of grid rows at a time (holding {@value #BAND_ROWS} output rows' worth of the grid), the labels
     * written into {@code out} ([Z, height, width], in memory or another scratch file) a band of rows at a time.
     *
     * @param onGrid  probabilities [K, Z, h, w] on the downsampled grid
     * @param classes the class values, K of them
     */
    static void labelsAtInputSize(ProbabilityRows onGrid, int[] classes, LabelVolume out) throws IOException {
        int k = onGrid.classes();
        int h = onGrid.height();
        int w = onGrid.width();
        int height = out.height();
        int width = out.width();
        double[] b = onGrid.bounds();
        double[] band = new double[0];
        int[] labels = new int[Math.min(BAND_ROWS, height) * width];
        for (int p = 0; p < onGrid.depth(); p++) {
            for (int y0 = 0; y0 < height; y0 += BAND_ROWS) {
                int y1 = Math.min(height, y0 + BAND_ROWS);
                int[] rows = SkimageResize.sourceRows(h, height, 1, y0, y1);
                int n = rows[1] - rows[0];
                if (band.length < k * n * w) {
                    band = new double[k * n * w];
                }
                for (int c = 0; c < k; c++) {
                    onGrid.readRows(c, p, rows[0], rows[1], band, c * n * w);
                }
                SkimageResize.resizeArgmaxRows(band, k, rows[0], n, h, w, height, width, 1, b[0], b[1], y0, y1,
                        labels, 0);
                int count = (y1 - y0) * width;
                for (int i = 0; i < count; i++) {
                    labels[i] = classes[labels[i]];
                }
                out.write(p, y0, 0, labels, 0, count);
            }
        }
    }
}
