package org.convpaint.pipeline;

import org.convpaint.image.PixelData;
import org.convpaint.numpy.Half;
import org.convpaint.numpy.PairwiseSum;

/**
 * numpy 1.24's {@code x.mean()} and {@code x.std()} of float16 data over one contiguous group of values, bit for
 * bit (checked against numpy on float16 arrays of 99 to 75 000 elements, overflow, NaN and subnormal cases).
 * numpy's reductions run in inner loops of at most 8192 elements (the ufunc buffer size), each summed pairwise in
 * float32 ({@link PairwiseSum}); what differs between the two functions ({@code numpy/core/_methods.py}):
 * <ul>
 * <li>{@link #mean}: {@code _mean} sums with {@code dtype=float32}: the accumulator stays float32 across inner
 * loops; the sum is divided by the count in float32 (float64 when the count exceeds 65535: numpy 1.24's
 * value-based casting of the {@code intp} count), and the quotient rounded to float16;</li>
 * <li>{@link #std}: {@code _var} sums in the array's own dtype: numpy's float16 add loop sums each inner loop in
 * float32 but stores the accumulator as float16 after every inner loop (so sums above 65504 become infinity).
 * The mean is that float16 sum divided by the count (float32 division below 65536 elements, float64 above,
 * rounded to float16); {@code x − mean} and its square are float16; the sum of squares is summed like the
 * values and divided by the count the same way; the square root is taken in float32 and rounded to float16.</li>
 * </ul>
 * Values are halves held as doubles. Stateless.
 */
final class HalfStatistics {
    private static final int NUMPY_BUFFER = 8192;
    /** The largest count numpy 1.24 divides by in float32 (a count above it is a uint32 scalar: float64). */
    private static final int FLOAT32_COUNT_LIMIT = 65535;

    private HalfStatistics() {
    }

    /** {@code x.mean()} of {@code n} float16 values from {@code off}: float16. */
    static double mean(PixelData d, int off, int n) {
        float acc = Normalization.blockedSumF(d, off, n, 0f, false);
        float quotient = n <= FLOAT32_COUNT_LIMIT ? acc / (float) n : (float) ((double) acc / n);
        return Half.round(quotient);
    }

    /** {@code x.std()} (population) of {@code n} float16 values from {@code off}: float16. */
    static double std(PixelData d, int off, int n) {
        double mean = divideByCount(halfSum(d, off, n, 0.0, false), n);
        double variance = divideByCount(halfSum(d, off, n, mean, true), n);
        return Half.round((float) Math.sqrt(variance));
    }

    /**
     * numpy's float16 add-reduce of the values, or of their float16 squared deviations {@code (x − mean)²} if
     * {@code squares} is set: float32 pairwise sums of 8192-element loops, the accumulator rounded to float16 after
     * each loop.
     */
    private static double halfSum(PixelData d, int off, int n, double mean, boolean squares) {
        float m = (float) mean;
        double acc = 0.0;
        float[] buf = new float[Math.min(n, NUMPY_BUFFER)];
        double[] raw = new double[buf.length];
        for (int s = 0; s < n; s += NUMPY_BUFFER) {
            int len = Math.min(NUMPY_BUFFER, n - s);
            d.copy(off + s, raw, 0, len);
            for (int i = 0; i < len; i++) {
                if (squares) {
                    float dev = (float) Half.round((float) raw[i] - m);
                    buf[i] = (float) Half.round(dev * dev);
                } else {
                    buf[i] = (float) raw[i];
                }
            }
            acc = Half.round((float) acc + PairwiseSum.sum(buf, 0, len));
        }
        return acc;
    }

    /** {@code true_divide(half, intp(n), out=half)}: float32 division up to 65535, float64 above. */
    private static double divideByCount(double half, int n) {
        return n <= FLOAT32_COUNT_LIMIT ? Half.round((float) half / (float) n) : Half.round(half / n);
    }
}
