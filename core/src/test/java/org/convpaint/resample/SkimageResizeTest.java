package org.convpaint.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkimageResizeTest {

    /** Example of convpaint-spec Appendix A.1, checked there against skimage 0.19.3. */
    @Test
    void bilinearUpsamplingUsesPixelCentresAndMirrorBorders() {
        double[] out = SkimageResize.resize(new double[] {0, 10, 20, 40}, 1, 1, 4, 1, 8, 1, false);
        assertArrayEquals(new double[] {2.5, 2.5, 7.5, 12.5, 17.5, 25, 35, 35}, out, 1e-12);
    }

    @Test
    void nearestUpsamplingByAnIntegerFactorRepeatsPixels() {
        double[] out = SkimageResize.resize(new double[] {1, 2, 3, 4}, 1, 2, 2, 4, 4, 0, false);
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, out);
    }

    @Test
    void resultIsClippedToTheRangeOfTheWholeInput() {
        double[] in = {0, 1, 0, 1, 5, 5, 5, 5};
        double[] out = SkimageResize.resize(in, 2, 2, 2, 3, 3, 1, false);
        for (double v : out) {
            assertEquals(true, v >= 0 && v <= 5);
        }
    }

    @Test
    void identityResizeIsExact() {
        double[] in = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        assertArrayEquals(in, SkimageResize.resize(in, 1, 2, 3, 2, 3, 1, false));
    }

    /** scipy maps only coordinates beyond the outer edge samples; [len−1, len) is left to the tap mirroring. */
    @Test
    void mirrorCoordinateReflectsAboutTheEdgeSamples() {
        assertEquals(0.25, SkimageResize.mirrorCoordinate(-0.25, 4), 0);
        assertEquals(3.5, SkimageResize.mirrorCoordinate(3.5, 4), 0);
        assertEquals(1.5, SkimageResize.mirrorCoordinate(4.5, 4), 0);
        assertEquals(0, SkimageResize.mirrorCoordinate(-0.3, 1), 0);
    }

    @Test
    void resizeArgmaxRowsEqualsResizeThenArgmaxIncludingTiesAndNaN() {
        java.util.Random rnd = new java.util.Random(7);
        int k = 3;
        int planes = 2;
        int h = 13;
        int w = 17;
        double[] src = new double[k * planes * h * w];
        for (int i = 0; i < src.length; i++) {
            // quarters make exact ties frequent
            src[i] = rnd.nextInt(5) * 0.25;
        }
        for (int order : new int[] {0, 1}) {
            for (boolean withNaN : new boolean[] {false, true}) {
                double[] in = src.clone();
                if (withNaN) {
                    in[(1 * planes + 1) * h * w + 40] = Double.NaN;
                }
                int oh = 40;
                int ow = 35;
                double[] full = SkimageResize.resize(in, k * planes, h, w, oh, ow, order, false);
                int n = planes * oh * ow;
                int[] expected = new int[n];
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    double bv = full[i];
                    for (int c = 1; c < k && !Double.isNaN(bv); c++) {
                        double v = full[c * n + i];
                        if (Double.isNaN(v) || v > bv) {
                            best = c;
                            bv = v;
                        }
                    }
                    expected[i] = best;
                }
                int[] got = argmaxWithWholeBands(in, k, planes, h, w, oh, ow, order);
                assertArrayEquals(expected, got, "order " + order + (withNaN ? " with NaN" : ""));
            }
        }
    }

    @Test
    void resizeArgmaxRowsFromBandsOfSourceRowsEqualsTheWholeResize() {
        java.util.Random rnd = new java.util.Random(5);
        int k = 3;
        int planes = 2;
        int h = 23;
        int w = 11;
        double[] src = new double[k * planes * h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = rnd.nextInt(9) * 0.125;
        }
        double[] b = SkimageResize.bounds(src, src.length);
        for (int order : new int[] {0, 1}) {
            int oh = 70;
            int ow = 30;
            int[] expected = argmaxWithWholeBands(src, k, planes, h, w, oh, ow, order);
            int[] got = new int[expected.length];
            for (int p = 0; p < planes; p++) {
                for (int y0 = 0; y0 < oh; y0 += 9) {
                    int y1 = Math.min(oh, y0 + 9);
                    int[] rows = SkimageResize.sourceRows(h, oh, order, y0, y1);
                    int n = rows[1] - rows[0];
                    double[] band = new double[k * n * w];
                    for (int c = 0; c < k; c++) {
                        System.arraycopy(src, ((c * planes + p) * h + rows[0]) * w, band, c * n * w, n * w);
                    }
                    SkimageResize.resizeArgmaxRows(band, k, rows[0], n, h, w, oh, ow, order, b[0], b[1], y0, y1,
                            got, (p * oh + y0) * ow);
                }
            }
            assertArrayEquals(expected, got, "order " + order);
        }
    }

    @Test
    void resizeRowsFromBandsOfSourceRowsEqualsTheWholeResizeBitForBit() {
        java.util.Random rnd = new java.util.Random(9);
        int k = 3;
        int planes = 2;
        int h = 23;
        int w = 11;
        double[] src = new double[k * planes * h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = rnd.nextDouble();
        }
        double[] b = SkimageResize.bounds(src, src.length);
        for (int order : new int[] {0, 1}) {
            for (int[] size : new int[][] {{70, 30}, {23, 11}, {46, 11}}) {
                int oh = size[0];
                int ow = size[1];
                double[] expected = SkimageResize.resize(src, k * planes, h, w, oh, ow, order, false);
                double[] got = new double[expected.length];
                for (int p = 0; p < planes; p++) {
                    for (int y0 = 0; y0 < oh; y0 += 9) {
                        int y1 = Math.min(oh, y0 + 9);
                        int[] rows = SkimageResize.sourceRows(h, oh, order, y0, y1);
                        int n = rows[1] - rows[0];
                        double[] band = new double[k * n * w];
                        for (int c = 0; c < k; c++) {
                            System.arraycopy(src, ((c * planes + p) * h + rows[0]) * w, band, c * n * w, n * w);
                        }
                        double[] part = new double[k * (y1 - y0) * ow];
                        SkimageResize.resizeRows(band, k, rows[0], n, h, w, oh, ow, order, b[0], b[1], y0, y1, part,
                                0);
                        for (int c = 0; c < k; c++) {
                            System.arraycopy(part, c * (y1 - y0) * ow, got, ((c * planes + p) * oh + y0) * ow,
                                    (y1 - y0) * ow);
                        }
                    }
                }
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                            "order " + order + ", " + oh + "x" + ow + ", value " + i);
                }
            }
        }
    }

    /** {@link SkimageResize#resizeArgmaxRows} of every plane at once: the band is the plane's every source row. */
    private static int[] argmaxWithWholeBands(double[] src, int k, int planes, int h, int w, int oh, int ow,
            int order) {
        double[] b = SkimageResize.bounds(src, src.length);
        int[] out = new int[planes * oh * ow];
        double[] band = new double[k * h * w];
        for (int p = 0; p < planes; p++) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(src, (c * planes + p) * h * w, band, c * h * w, h * w);
            }
            SkimageResize.resizeArgmaxRows(band, k, 0, h, h, w, oh, ow, order, b[0], b[1], 0, oh, out, p * oh * ow);
        }
        return out;
    }
}
