package org.convpaint.resample;

/**
 * skimage's {@code transform.resize(array, (…, H, W), order, mode='reflect', preserve_range=True)} for arrays whose
 * leading axes keep their size (only the last two axes change), reproducing scipy's {@code ndimage.zoom} with
 * {@code grid_mode=True, mode='mirror'} exactly:
 * <ul>
 * <li>input coordinate {@code c = (i + 0.5)·(in/out) − 0.5}, mirrored into range;</li>
 * <li>order 0 takes {@code floor(c + 0.5)}; order 1 uses weights {@code w0 = 1 − frac(c)}, {@code w1 = 1 − w0}
 * and sums {@code (v·wy)·wx} over the four taps in (y, x) order, in double;</li>
 * <li>when an axis shrinks, the input is first smoothed with {@code gaussian_filter(σ = (in/out − 1)/2,
 * mode='mirror')} (skimage's anti-aliasing);</li>
 * <li>the result is clipped to the global [min, max] of the input array, over all planes.</li>
 * </ul>
 * float32 arrays ({@code float32 = true}) keep float32 values: the interpolation runs in double and each output is
 * rounded to float32, as scipy writes into a float32 output array. Stateless and thread-safe.
 */
public final class SkimageResize {
    private SkimageResize() {
    }

    /** One axis of the resampling: source taps and weights for each output index. */
    record AxisMap(int[] i0, int[] i1, double[] w0, double[] w1) {
    }

    /**
     * Resizes {@code planes} planes of {@code h × w} (stored consecutively from offset 0) to {@code oh × ow}.
     *
     * @param order 0 (nearest) or 1 (bilinear)
     * @return {@code planes × oh × ow} values
     */
    public static double[] resize(double[] src, int planes, int h, int w, int oh, int ow, int order,
            boolean float32) {
        double[] bounds = bounds(src, planes * h * w);
        return resize(src, planes, h, w, oh, ow, order, float32, bounds[0], bounds[1]);
    }

    /** {min, max} of the first {@code n} values, NaN-aware (NaN if any value is NaN, as skimage then skips the clip). */
    public static double[] bounds(double[] src, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = src[i];
            if (Double.isNaN(v)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    /**
     * As {@link #resize(double[], int, int, int, int, int, int, boolean)} but clipping to the given bounds (those
     * of the whole array when only a window of it is resized); NaN bounds skip the clip.
     */
    public static double[] resize(double[] src, int planes, int h, int w, int oh, int ow, int order,
            boolean float32, double lo, double hi) {
        if (order != 0 && order != 1) {
            throw new IllegalArgumentException("only interpolation orders 0 and 1 are supported, not " + order);
        }
        boolean nan = Double.isNaN(lo) || Double.isNaN(hi);
        if (oh == h && ow == w) {
            double[] copy = new double[planes * h * w];
            System.arraycopy(src, 0, copy, 0, copy.length);
            return copy;
        }
        double[] in = src;
        if (oh < h || ow < w) {
            double sy = Math.max(0, ((double) h / oh - 1) / 2);
            double sx = Math.max(0, ((double) w / ow - 1) / 2);
            in = new double[planes * h * w];
            for (int p = 0; p < planes; p++) {
                GaussianFilter.filterPlane(src, p * h * w, h, w, sy, sx, GaussianFilter.Mode.MIRROR, float32, in,
                        p * h * w);
            }
        }
        AxisMap ym = axis(h, oh, order);
        AxisMap xm = axis(w, ow, order);
        double[] out = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                row(in, p * h * w, w, ym, y, xm, order, float32, nan, lo, hi, out, (p * oh + y) * ow);
            }
        }
        return out;
    }

    /**
     * Output row {@code y} of the plane starting at {@code s} (width {@code w}) into {@code out[d ..]}: taps summed as
     * {@code (v·wy)·wx} in (y, x) order in double, rounded to float32 if asked, then clipped unless {@code nan}.
     */
    private static void row(double[] in, int s, int w, AxisMap ym, int y, AxisMap xm, int order, boolean float32,
            boolean nan, double lo, double hi, double[] out, int d) {
        int r0 = s + ym.i0[y] * w;
        int r1 = s + ym.i1[y] * w;
        double wy0 = ym.w0[y];
        double wy1 = ym.w1[y];
        int ow = xm.i0.length;
        for (int x = 0; x < ow; x++) {
            double t;
            if (order == 0) {
                t = in[r0 + xm.i0[x]];
            } else {
                double wx0 = xm.w0[x];
                double wx1 = xm.w1[x];
                t = in[r0 + xm.i0[x]] * wy0 * wx0;
                t += in[r0 + xm.i1[x]] * wy0 * wx1;
                t += in[r1 + xm.i0[x]] * wy1 * wx0;
                t += in[r1 + xm.i1[x]] * wy1 * wx1;
            }
            if (float32) {
                t = (float) t;
            }
            if (!nan) {
                t = t < lo ? lo : t > hi ? hi : t;
            }
            out[d + x] = t;
        }
    }

    /**
     * What {@link #resize} of a class-major stack followed by an argmax over the class axis gives — per output
     * pixel the index of the first largest value (a NaN wins where it first occurs, as numpy's argmax) — for one
     * plane and the output rows [{@code y0}, {@code y1}) only, computed row by row without holding the resized
     * stack, from a band of the plane's source rows: {@code band} holds, class after class, rows
     * [{@code bandRow0}, {@code bandRow0 + bandRows}) of each class's {@code h × w} plane, which must include
     * {@link #sourceRows} of those output rows. Clips to {@code lo, hi}, the {@link #bounds} of the whole source
     * (all classes and planes). Class indices of the {@code (y1 − y0) × ow} pixels go to {@code out} from
     * {@code outOffset}. Upsampling only ({@code oh ≥ h}, {@code ow ≥ w}; no anti-aliasing applies).
     */
    public static void resizeArgmaxRows(double[] band, int classes, int bandRow0, int bandRows, int h, int w, int oh,
            int ow, int order, double lo, double hi, int y0, int y1, int[] out, int outOffset) {
        checkUpsampling(h, w, oh, ow, order);
        AxisMap ym = axis(h, oh, order);
        AxisMap xm = axis(w, ow, order);
        ArgmaxRow row = new ArgmaxRow(ow, lo, hi);
        int[] base = new int[classes];
        for (int c = 0; c < classes; c++) {
            base[c] = (c * bandRows - bandRow0) * w;
        }
        for (int y = y0; y < y1; y++) {
            row.compute(band, base, w, ym, y, xm, order, out, outOffset + (y - y0) * ow);
        }
    }

    /**
     * What {@link #resize(double[], int, int, int, int, int, int, boolean, double, double)} (float64) gives for
     * output rows [{@code y0}, {@code y1}) of every plane of a class-major stack, computed from a band of the
     * source rows laid out as {@link #resizeArgmaxRows} takes them. The {@code classes × (y1 − y0) × ow} values go
     * to {@code out} from {@code outOffset}, class after class. Upsampling only.
     */
    public static void resizeRows(double[] band, int classes, int bandRow0, int bandRows, int h, int w, int oh,
            int ow, int order, double lo, double hi, int y0, int y1, double[] out, int outOffset) {
        checkUpsampling(h, w, oh, ow, order);
        if (oh == h && ow == w) {
            // resize returns such a stack unchanged (not clipped)
            for (int c = 0; c < classes; c++) {
                System.arraycopy(band, (c * bandRows + y0 - bandRow0) * w, out, outOffset + c * (y1 - y0) * ow,
                        (y1 - y0) * ow);
            }
            return;
        }
        AxisMap ym = axis(h, oh, order);
        AxisMap xm = axis(w, ow, order);
        boolean nan = Double.isNaN(lo) || Double.isNaN(hi);
        for (int c = 0; c < classes; c++) {
            int base = (c * bandRows - bandRow0) * w;
            for (int y = y0; y < y1; y++) {
                row(band, base, w, ym, y, xm, order, false, nan, lo, hi, out,
                        outOffset + (c * (y1 - y0) + y - y0) * ow);
            }
        }
    }

    /** The source rows [first, end) that output rows [{@code y0}, {@code y1}) of an {@code h → oh} resize read. */
    public static int[] sourceRows(int h, int oh, int order, int y0, int y1) {
        AxisMap ym = axis(h, oh, order);
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int y = y0; y < y1; y++) {
            first = Math.min(first, Math.min(ym.i0[y], ym.i1[y]));
            last = Math.max(last, Math.max(ym.i0[y], ym.i1[y]));
        }
        return new int[] {first, last + 1};
    }

    private static void checkUpsampling(int h, int w, int oh, int ow, int order) {
        if (oh < h || ow < w || (order != 0 && order != 1)) {
            throw new IllegalArgumentException("resizeArgmaxRows upsamples with order 0 or 1 only");
        }
    }

    /** Argmax over the classes of one resized output row, with its scratch rows. */
    private static final class ArgmaxRow {
        private final double lo;
        private final double hi;
        private final boolean nan;
        private final double[] best;
        private final double[] row;
        private final boolean[] decided;

        ArgmaxRow(int ow, double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
            this.nan = Double.isNaN(lo) || Double.isNaN(hi);
            this.best = new double[ow];
            this.row = new double[ow];
            this.decided = new boolean[ow];
        }

        /** Output row {@code y}; class {@code c}'s source plane starts at {@code base[c]} in {@code src}. */
        void compute(double[] src, int[] base, int w, AxisMap ym, int y, AxisMap xm, int order, int[] out,
                int dst) {
            int ow = row.length;
            java.util.Arrays.fill(decided, false);
            for (int c = 0; c < base.length; c++) {
                SkimageResize.row(src, base[c], w, ym, y, xm, order, false, nan, lo, hi, row, 0);
                for (int x = 0; x < ow; x++) {
                    double t = row[x];
                    if (c == 0) {
                        out[dst + x] = 0;
                        best[x] = t;
                        decided[x] = Double.isNaN(t);
                    } else if (!decided[x]) {
                        if (Double.isNaN(t)) {
                            out[dst + x] = c;
                            decided[x] = true;
                        } else if (t > best[x]) {
                            out[dst + x] = c;
                            best[x] = t;
                        }
                    }
                }
            }
        }
    }

    /** Taps and weights along one axis of length {@code n} resized to {@code m}. */
    static AxisMap axis(int n, int m, int order) {
        double zoom = (double) n / m;
        int[] i0 = new int[m];
        int[] i1 = new int[m];
        double[] w0 = new double[m];
        double[] w1 = new double[m];
        for (int k = 0; k < m; k++) {
            double cc = (k + 0.5) * zoom - 0.5;
            cc = mirrorCoordinate(cc, n);
            if (order == 1) {
                long start = (long) Math.floor(cc);
                double frac = cc - Math.floor(cc);
                w0[k] = 1.0 - frac;
                w1[k] = 1.0 - w0[k];
                i0[k] = Reflect.index(start, n);
                i1[k] = Reflect.index(start + 1, n);
            } else {
                i0[k] = Reflect.index((long) Math.floor(cc + 0.5), n);
                i1[k] = i0[k];
                w0[k] = 1.0;
            }
        }
        return new AxisMap(i0, i1, w0, w1);
    }

    /** scipy's {@code map_coordinate} for {@code NI_EXTEND_MIRROR} on a real coordinate. */
    static double mirrorCoordinate(double in, int len) {
        if (in < 0) {
            if (len <= 1) {
                return 0;
            }
            long sz2 = 2L * len - 2;
            in = sz2 * (long) (-in / sz2) + in;
            in = in <= 1 - len ? in + sz2 : -in;
        } else if (in > len - 1) {
            if (len <= 1) {
                return 0;
            }
            long sz2 = 2L * len - 2;
            in -= sz2 * (long) (in / sz2);
            if (in >= len) {
                in = sz2 - in;
            }
        }
        return in;
    }
}
