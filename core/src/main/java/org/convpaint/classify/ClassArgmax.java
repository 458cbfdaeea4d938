package org.convpaint.classify;

/**
 * The class a pixel is labelled with, numpy's {@code argmax} over its class probabilities: the first largest value;
 * exact ties go to the class listed first, and a NaN wins where it first occurs. Stateless.
 */
public final class ClassArgmax {
    private ClassArgmax() {
    }

    /**
     * Index of the winning class of pixel {@code i} in class-major probabilities: class {@code c} of that pixel is
     * {@code p[c·stride + i]}, for {@code c < k}.
     */
    public static int of(double[] p, int k, int stride, int i) {
        int best = 0;
        double bestValue = p[i];
        if (Double.isNaN(bestValue)) {
            return 0;
        }
        for (int c = 1; c < k; c++) {
            double v = p[c * stride + i];
            if (Double.isNaN(v)) {
                return c;
            }
            if (v > bestValue) {
                best = c;
                bestValue = v;
            }
        }
        return best;
    }
}
