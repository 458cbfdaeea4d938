package org.convpaint.pipeline;

import java.io.IOException;

import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;
import org.convpaint.resample.SkimageResize;

/**
 * The last step of convpaint's {@code _restore_shape}: when {@code image_downsample} is not −1, 0 or 1, the class
 * probabilities of the downsampled grid are skimage-resized with order 1 to the input size. The centred pre-pad of
 * the downsampling is deliberately not undone (convpaint stretches the ceil(H/k) grid onto H pixels). (Unpatching
 * and cropping the padding happen per tile in {@link TiledPrediction}.) Stateless.
 */
public final class ProbabilityRestoration {
    /** Output rows restored per band by {@link #labelsAtInputSize}. */
    static final int BAND_ROWS = 256;

    private ProbabilityRestoration() {
    }

    /**
     * {@link #toInputSize} for output rows [yFrom, yTo) of every plane only, read from the grid rows
     * {@link #gridRows} gives: [K, Z, yTo − yFrom, width] values.
     *
     * @param bounds the {min, max} of all the grid's probabilities, which the resize clips to
     */
    static double[] probabilitiesAtInputSize(DoubleGrid onGrid, double[] bounds, int height, int width, int yFrom,
            int yTo) throws IOException {
        GridShape s = onGrid.shape();
        int k = s.channels();
        int rows = yTo - yFrom;
        int[] src = SkimageResize.sourceRows(s.height(), height, 1, yFrom, yTo);
        int n = src[1] - src[0];
        double[] band = new double[k * n * s.width()];
        double[] plane = new double[k * rows * width];
        double[] out = new double[k * s.depth() * rows * width];
        for (int p = 0; p < s.depth(); p++) {
            for (int c = 0; c < k; c++) {
                onGrid.readRows(c, p, src[0], src[1], band, c * n * s.width());
            }
            SkimageResize.resizeRows(band, k, src[0], n, s.height(), s.width(), height, width, 1, bounds[0],
                    bounds[1], yFrom, yTo, plane, 0);
            for (int c = 0; c < k; c++) {
                System.arraycopy(plane, c * rows * width, out, (c * s.depth() + p) * rows * width, rows * width);
            }
        }
        return out;
    }

    /** The rows [g0, g1) of a grid of {@code h} rows that output rows [y0, y1) of {@code height} are resized from. */
    static int[] gridRows(int h, int height, int y0, int y1) {
        return SkimageResize.sourceRows(h, height, 1, y0, y1);
    }

    /**
     * Probabilities [K, Z, h, w] on the downsampled grid resized to [K, Z, height, width], in the heap.
     *
     * @param onGrid probabilities in the heap
     */
    static DoubleGrid toInputSize(DoubleGrid onGrid, int height, int width) {
        GridShape s = onGrid.shape();
        double[] d = SkimageResize.resize(onGrid.array(), s.channels() * s.depth(), s.height(), s.width(), height,
                width, 1, false);
        return DoubleArrayGrid.of(d, new GridShape(s.channels(), s.depth(), height, width));
    }

    /**
     * The labels {@link LabelAssignment#argmax} gives on {@link #toInputSize}, computed without holding the
     * restored probabilities (K doubles per pixel): the grid's probabilities (in the heap or in a scratch file) are
     * read a band of grid rows at a time (holding {@value #BAND_ROWS} output rows' worth of the grid), the labels
     * written into {@code out} ([1, Z, height, width], in the heap or another scratch file) a band of rows at a time.
     *
     * @param onGrid  probabilities [K, Z, h, w] on the downsampled grid
     * @param bounds  their {min, max} ({@code SkimageResize.bounds}), which the resize clips to
     * @param classes the class values, K of them
     */
    static void labelsAtInputSize(DoubleGrid onGrid, double[] bounds, int[] classes, IntGrid out)
            throws IOException {
        labelsAtInputSize(onGrid, bounds, classes, out, 0, out.shape().height());
    }

    /**
     * {@link #labelsAtInputSize(DoubleGrid, double[], int[], IntGrid)} for output rows [yFrom, yTo) of every plane
     * only, which read the grid rows {@link #gridRows} gives.
     */
    static void labelsAtInputSize(DoubleGrid onGrid, double[] bounds, int[] classes, IntGrid out, int yFrom,
            int yTo) throws IOException {
        GridShape s = onGrid.shape();
        int k = s.channels();
        int h = s.height();
        int w = s.width();
        int height = out.shape().height();
        int width = out.shape().width();
        double[] b = bounds;
        double[] band = new double[0];
        int[] labels = new int[Math.min(BAND_ROWS, height) * width];
        for (int p = 0; p < s.depth(); p++) {
            for (int y0 = yFrom; y0 < yTo; y0 += BAND_ROWS) {
                int y1 = Math.min(yTo, y0 + BAND_ROWS);
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
                out.writeRows(0, p, y0, y1, labels, 0);
            }
        }
    }
}
