package org.convpaint.pipeline;

/**
 * The {min, max} of all values seen, as {@code SkimageResize.bounds} gives them for a whole array ({@code Math.min}
 * and {@code Math.max}, so the order values come in does not matter; NaN, NaN once a NaN was seen): lets the
 * restoration clip as skimage does without holding the array. Thread-safe.
 */
final class ValueRange {
    private double lo = Double.POSITIVE_INFINITY;
    private double hi = Double.NEGATIVE_INFINITY;
    private boolean nan;

    /** Takes in {@code src[off .. off + len)}. */
    void accept(double[] src, int off, int len) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean sawNan = false;
        for (int i = off; i < off + len; i++) {
            double v = src[i];
            if (Double.isNaN(v)) {
                sawNan = true;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        synchronized (this) {
            lo = Math.min(lo, min);
            hi = Math.max(hi, max);
            nan |= sawNan;
        }
    }

    /** {min, max} of everything taken in; NaN, NaN if a NaN was. */
    synchronized double[] bounds() {
        return nan ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }
}
