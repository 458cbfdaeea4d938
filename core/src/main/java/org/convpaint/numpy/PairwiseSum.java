package org.convpaint.numpy;

/**
 * numpy's pairwise summation ({@code pairwise_sum_DOUBLE}/{@code _FLOAT} in {@code loops_utils.h}): blocks of at
 * most 128 elements are summed with eight interleaved accumulators, larger ranges are split in two halves whose
 * size is a multiple of 8. Reproduces {@code np.add.reduce} over one contiguous inner loop exactly.
 * Stateless and thread-safe.
 */
public final class PairwiseSum {
    private static final int BLOCK = 128;

    private PairwiseSum() {
    }

    /** Pairwise sum of {@code a[off .. off+n)} in double precision. */
    public static double sum(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            double r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i;
            int end = n - (n % 8);
            for (i = 8; i < end; i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return sum(a, off, n2) + sum(a, off + n2, n - n2);
        }
    }

    /** Pairwise sum of {@code a[off .. off+n)} in single precision, as numpy sums float32 arrays. */
    public static float sum(float[] a, int off, int n) {
        if (n < 8) {
            float res = 0.0f;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= BLOCK) {
            float r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            float r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i;
            int end = n - (n % 8);
            for (i = 8; i < end; i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return sum(a, off, n2) + sum(a, off + n2, n - n2);
        }
    }
}
