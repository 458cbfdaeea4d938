package org.convpaint.stats;

import org.convpaint.image.PixelType;
import org.convpaint.numpy.Half;
import org.convpaint.numpy.PairwiseSum;

/**
 * The floating-point arithmetic numpy uses for {@code x.mean()} and {@code x.std()} of an image of a pixel type,
 * split into what one buffer contributes ({@link #bufferSum}) and how the buffer sums of a group combine, in buffer
 * order ({@link #mean}, {@link #center}, {@link #std}). numpy's reductions run in inner loops of at most
 * {@value #BUFFER} elements (the ufunc buffer size), each summed pairwise ({@link PairwiseSum}).
 * <ul>
 * <li>{@link #FLOAT64} (integer and float64 images): float64 pairwise sums, a float64 accumulator, the sum divided
 * by the count; the std is {@code max(sqrt(var), 1e-6)};</li>
 * <li>{@link #FLOAT32} (float32 images): the same in float32 (count and floor rounded to float32);</li>
 * <li>{@link #FLOAT16} (float16 images), numpy 1.24 bit for bit ({@code numpy/core/_methods.py}):
 * <ul>
 * <li>{@link #mean}: {@code _mean} sums with {@code dtype=float32}: the accumulator stays float32 across inner
 * loops; the sum is divided by the count in float32 (float64 when the count exceeds 65535: numpy 1.24's
 * value-based casting of the {@code intp} count), and the quotient rounded to float16;</li>
 * <li>{@link #center} and {@link #std}: {@code _var} sums in the array's own dtype: numpy's float16 add loop sums
 * each inner loop in float32 but stores the accumulator as float16 after every inner loop (so sums above 65504
 * become infinity). Its mean (the center) is that float16 sum divided by the count (float32 division below 65536
 * elements, float64 above, rounded to float16); {@code x − center} and its square are float16; the sum of squares
 * is summed like the values and divided by the count the same way; the square root is taken in float32 and
 * rounded to float16, and floored at {@code float16(1e-6)} (the subnormal 17·2⁻²⁴).</li>
 * </ul></li>
 * </ul>
 * Buffer sums are held as doubles in every case (a float32 sum is exactly a double). Values are read as doubles
 * holding the pixel type's exact values. Stateless.
 */
public enum Arithmetic {
    /** float64 sums: integer and float64 images. */
    FLOAT64 {
        @Override
        double bufferSum(double[] raw, int len, boolean deviations, double center, float[] scratch) {
            if (deviations) {
                for (int i = 0; i < len; i++) {
                    double v = raw[i] - center;
                    raw[i] = v * v;
                }
            }
            return PairwiseSum.sum(raw, 0, len);
        }

        @Override
        double mean(double[] sums, long count) {
            return accumulate(sums) / count;
        }

        @Override
        double std(double[] deviationSums, long count) {
            return Math.max(Math.sqrt(accumulate(deviationSums) / count), 1e-6);
        }

        private double accumulate(double[] sums) {
            double acc = 0.0;
            for (double s : sums) {
                acc += s;
            }
            return acc;
        }
    },
    /** float32 sums: float32 images. */
    FLOAT32 {
        @Override
        double bufferSum(double[] raw, int len, boolean deviations, double center, float[] scratch) {
            return floatBufferSum(raw, len, deviations, (float) center, scratch);
        }

        @Override
        double mean(double[] sums, long count) {
            return floatAccumulate(sums) / (float) count;
        }

        @Override
        double std(double[] deviationSums, long count) {
            float variance = floatAccumulate(deviationSums) / (float) count;
            return Math.max((float) Math.sqrt(variance), (float) 1e-6);
        }
    },
    /** numpy 1.24's float16 path: float16 images. */
    FLOAT16 {
        @Override
        double bufferSum(double[] raw, int len, boolean deviations, double center, float[] scratch) {
            if (!deviations) {
                return floatBufferSum(raw, len, false, 0f, scratch);
            }
            float m = (float) center;
            for (int i = 0; i < len; i++) {
                float dev = (float) Half.round((float) raw[i] - m);
                scratch[i] = (float) Half.round(dev * dev);
            }
            return PairwiseSum.sum(scratch, 0, len);
        }

        @Override
        double mean(double[] sums, long count) {
            float acc = floatAccumulate(sums);
            float quotient = count <= FLOAT32_COUNT_LIMIT ? acc / (float) count : (float) ((double) acc / count);
            return Half.round(quotient);
        }

        @Override
        double center(double[] sums, long count) {
            return divideByCount(halfAccumulate(sums), count);
        }

        @Override
        double std(double[] deviationSums, long count) {
            double variance = divideByCount(halfAccumulate(deviationSums), count);
            return Math.max(Half.round((float) Math.sqrt(variance)), HALF_STD_FLOOR);
        }

        /** numpy's float16 add loop: each inner loop's float32 sum added to a float16 accumulator. */
        private double halfAccumulate(double[] sums) {
            double acc = 0.0;
            for (double s : sums) {
                acc = Half.round((float) acc + (float) s);
            }
            return acc;
        }

        /** {@code true_divide(half, intp(n), out=half)}: float32 division up to 65535, float64 above. */
        private double divideByCount(double half, long count) {
            return count <= FLOAT32_COUNT_LIMIT ? Half.round((float) half / (float) count) : Half.round(half / count);
        }
    };

    /** numpy's ufunc buffer size: the elements one inner loop (one pairwise sum) covers. */
    public static final int BUFFER = 8192;
    /** The largest count numpy 1.24 divides float16 sums by in float32 (above it the count is a uint32: float64). */
    private static final long FLOAT32_COUNT_LIMIT = 65535;
    /** {@code np.maximum(std, 1e-6)} on a float16 std: 1e-6 becomes the float16 subnormal 17·2⁻²⁴. */
    private static final double HALF_STD_FLOOR = Half.round(1e-6);

    /** The arithmetic of images of {@code type}: float32 and float16 their own, everything else float64. */
    public static Arithmetic of(PixelType type) {
        return type == PixelType.FLOAT32 ? FLOAT32 : type == PixelType.FLOAT16 ? FLOAT16 : FLOAT64;
    }

    /** The pixel type of z-scored values: float64, float32 or float16. */
    public PixelType outputType() {
        return switch (this) {
            case FLOAT64 -> PixelType.FLOAT64;
            case FLOAT32 -> PixelType.FLOAT32;
            case FLOAT16 -> PixelType.FLOAT16;
        };
    }

    /**
     * The sum numpy forms over one buffer: of the {@code len} values in {@code raw}, or, with {@code deviations},
     * of their squared deviations from {@code center}. {@code raw} may be overwritten; {@code scratch} holds at
     * least {@code len} floats.
     */
    abstract double bufferSum(double[] raw, int len, boolean deviations, double center, float[] scratch);

    /** {@code x.mean()} of a group of {@code count} values from its value buffer sums, in buffer order. */
    abstract double mean(double[] sums, long count);

    /**
     * The mean {@code x.std()} subtracts, from the value buffer sums in buffer order: the {@link #mean} except for
     * float16, whose {@code _var} sums in float16.
     */
    double center(double[] sums, long count) {
        return mean(sums, count);
    }

    /**
     * The floored population std ({@code max(x.std(), 1e-6)} in this arithmetic) from the buffer sums of squared
     * deviations from the {@link #center}, in buffer order.
     */
    abstract double std(double[] deviationSums, long count);

    private static double floatBufferSum(double[] raw, int len, boolean deviations, float center, float[] scratch) {
        for (int i = 0; i < len; i++) {
            float v = (float) raw[i];
            if (deviations) {
                float dv = v - center;
                scratch[i] = dv * dv;
            } else {
                scratch[i] = v;
            }
        }
        return PairwiseSum.sum(scratch, 0, len);
    }

    private static float floatAccumulate(double[] sums) {
        float acc = 0f;
        for (double s : sums) {
            acc += (float) s;
        }
        return acc;
    }
}
