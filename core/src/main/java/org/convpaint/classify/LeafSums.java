package org.convpaint.classify;

/**
 * The last step of a {@link RandomForest}'s evaluation: per pixel, the leaf fractions {@code lp} of the leaves it
 * reached, summed in float64 in tree order from zero and divided by the number of trees, as sklearn's
 * {@code predict_proba} sums them. Stateless.
 */
final class LeafSums {
    private LeafSums() {
    }

    /**
     * Per pixel r of a block of m ({@code leaves[t·m + r]}: the offset of r's leaf in tree t), the leaf fractions of
     * all trees summed in tree order from zero and divided by the number of trees, to {@code out[outOffset +
     * c·classStride + r·pixelStride]}. Several pixels at a time (four for three classes, else eight), so the
     * additions of different pixels overlap.
     */
    static void sum(double[] lp, int k, int trees, int[] leaves, int m, double[] out, int outOffset, int classStride,
            int pixelStride) {
        double n = trees;
        int r = k == 3 ? sum3(lp, trees, leaves, m, out, outOffset, classStride, pixelStride) : 0;
        for (; r + 8 <= m; r += 8) {
            for (int c = 0; c < k; c++) {
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                for (int t = 0, at = r; t < trees; t++, at += m) {
                    s0 += lp[leaves[at] + c];
                    s1 += lp[leaves[at + 1] + c];
                    s2 += lp[leaves[at + 2] + c];
                    s3 += lp[leaves[at + 3] + c];
                    s4 += lp[leaves[at + 4] + c];
                    s5 += lp[leaves[at + 5] + c];
                    s6 += lp[leaves[at + 6] + c];
                    s7 += lp[leaves[at + 7] + c];
                }
                int o = outOffset + r * pixelStride + c * classStride;
                out[o] = s0 / n;
                out[o + pixelStride] = s1 / n;
                out[o + 2 * pixelStride] = s2 / n;
                out[o + 3 * pixelStride] = s3 / n;
                out[o + 4 * pixelStride] = s4 / n;
                out[o + 5 * pixelStride] = s5 / n;
                out[o + 6 * pixelStride] = s6 / n;
                out[o + 7 * pixelStride] = s7 / n;
            }
        }
        for (; r < m; r++) {
            for (int c = 0; c < k; c++) {
                double s0 = 0;
                for (int t = 0, at = r; t < trees; t++, at += m) {
                    s0 += lp[leaves[at] + c];
                }
                out[outOffset + r * pixelStride + c * classStride] = s0 / n;
            }
        }
    }

    /** {@link #sum} for three classes, four pixels at a time (one load of each leaf); the number of pixels done. */
    private static int sum3(double[] lp, int trees, int[] leaves, int m, double[] out, int outOffset,
            int classStride, int pixelStride) {
        double n = trees;
        int r = 0;
        for (; r + 4 <= m; r += 4) {
            double a0 = 0, a1 = 0, a2 = 0, b0 = 0, b1 = 0, b2 = 0;
            double c0 = 0, c1 = 0, c2 = 0, d0 = 0, d1 = 0, d2 = 0;
            for (int t = 0, at = r; t < trees; t++, at += m) {
                int la = leaves[at];
                int lb = leaves[at + 1];
                int lc = leaves[at + 2];
                int ld = leaves[at + 3];
                a0 += lp[la];
                a1 += lp[la + 1];
                a2 += lp[la + 2];
                b0 += lp[lb];
                b1 += lp[lb + 1];
                b2 += lp[lb + 2];
                c0 += lp[lc];
                c1 += lp[lc + 1];
                c2 += lp[lc + 2];
                d0 += lp[ld];
                d1 += lp[ld + 1];
                d2 += lp[ld + 2];
            }
            int o = outOffset + r * pixelStride;
            put3(out, o, classStride, a0 / n, a1 / n, a2 / n);
            put3(out, o + pixelStride, classStride, b0 / n, b1 / n, b2 / n);
            put3(out, o + 2 * pixelStride, classStride, c0 / n, c1 / n, c2 / n);
            put3(out, o + 3 * pixelStride, classStride, d0 / n, d1 / n, d2 / n);
        }
        return r;
    }

    private static void put3(double[] out, int o, int classStride, double v0, double v1, double v2) {
        out[o] = v0;
        out[o + classStride] = v1;
        out[o + 2 * classStride] = v2;
    }

}
