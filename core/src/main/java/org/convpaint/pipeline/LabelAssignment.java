package org.convpaint.pipeline;

import org.convpaint.classify.ClassArgmax;
import org.convpaint.grid.DoubleGrid;

/**
 * convpaint's {@code classes_[argmax(probas, axis=0)]}: per pixel the class with the highest probability; exact
 * ties go to the class listed first, and a NaN wins where it first occurs (numpy's argmax, {@link ClassArgmax}).
 * Labels are the model's class values. (convpaint casts them to uint8, which would wrap values ≥ 256; we keep the
 * true values.)
 */
public final class LabelAssignment {
    private LabelAssignment() {
    }

    /** Index of the winning class of pixel {@code i} in class-major probabilities of {@code n} pixels. */
    static int argmaxAt(double[] d, int k, int n, int i) {
        return ClassArgmax.of(d, k, n, i);
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
