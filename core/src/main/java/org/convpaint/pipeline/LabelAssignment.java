package org.convpaint.pipeline;

import org.convpaint.grid.DoubleGrid;

/**
 * convpaint's {@code classes_[argmax(probas, axis=0)]}: per pixel the class with the highest probability; exact
 * ties go to the class listed first, and a NaN wins where it first occurs (numpy's argmax). Labels are the model's
 * class values. (convpaint casts them to uint8, which would wrap values ≥ 256; we keep the true values.)
 */
public final class LabelAssignment {
    private LabelAssignment() {
    }

    /**
     * Index of the winning class of pixel {@code i} in class-major probabilities of {@code n} pixels (first
     * maximum; a NaN wins where it first occurs, as numpy's argmax).
     */
    static int argmaxAt(double[] d, int k, int n, int i) {
        int best = 0;
        double bestValue = d[i];
        if (Double.isNaN(bestValue)) {
            return 0;
        }
        for (int c = 1; c < k; c++) {
            double v = d[c * n + i];
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

    /**
     * @param p probabilities [K, Z, H, W] in the heap
     * @return labels [Z, H, W] in C order
     */
    public static int[] argmax(DoubleGrid p, int[] classes) {
        int k = p.shape().channels();
        int n = (int) (p.shape().size() / k);
        double[] d = p.array();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classes[argmaxAt(d, k, n, i)];
        }
        return labels;
    }
}
