package org.convpaint.features.dino;

/**
 * {@code torch.nn.functional.interpolate(x, size, mode='bicubic', antialias=True, align_corners=False)} on float32
 * data, reproducing the float32 arithmetic of torch 1.13's CPU kernel as dispatched on x86-64 with AVX2 or AVX-512
 * (the build that produced the conformance fixtures), bit for bit. Stateless and thread-safe.
 *
 * <p>The resampling is separable: first along the width (if it changes), then along the height (if it changes),
 * each output value being a normalised weighted sum over a window of inputs. Per axis with {@code in} inputs and
 * {@code out} outputs:
 * <ul>
 * <li>{@code scale = (float) in / out}; the filter support is {@code 2·scale} when downsampling, else 2, and the
 * kernel is stretched by {@code scale} when downsampling ({@code invscale = 1f / scale}), else not;</li>
 * <li>output {@code i} has {@code center = (float) (scale · (i + 0.5))} (product in double) and the window
 * {@code xmin = max((long) ((double) (center − support) + 0.5), 0)} …
 * {@code min((long) ((double) (center + support) + 0.5), in)} (exclusive), differences in float;</li>
 * <li>tap {@code j} has the weight {@code K((float) (((double) ((float) j − center) + 0.5) · invscale))} where
 * {@code K} is the Keys cubic with a = −0.5 (PIL's): for |x| &lt; 1, {@code ((1.5x − 2.5)·x)·x + 1} in double
 * (the last step fused), rounded to float; for 1 ≤ |x| &lt; 2, {@code (fma(fma(x − 5, x, 8), x, −4)) · −0.5} in
 * float; else 0. The weights are summed in float in order and each divided by the sum (if non-zero);</li>
 * <li>the weighted sum starts with {@code v[0]·w[0]}; with more than 4 taps the next taps go in blocks of 4 whose
 * products are rounded before being added one by one, and the remaining (fewer than 4) taps are fused
 * multiply-adds — the shape of GCC's vectorised loop in that kernel.</li>
 * </ul>
 * torch's generic (non-AVX) kernel and torch ≥ 2 round some of these steps differently (differences of a few ulp).
 */
public final class AntialiasedBicubic {

    private AntialiasedBicubic() {
    }

    /**
     * Resizes channels-last data [inH, inW, C] to [outH, outW, C].
     *
     * @param src      {@code inH · inW · channels} values, row-major, channels innermost; not modified
     * @return a new array of {@code outH · outW · channels} values (a copy if the size does not change)
     */
    public static float[] resizeChannelsLast(float[] src, int inH, int inW, int channels, int outH, int outW) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1 || channels < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + inH + "x" + inW + "x" + channels
                    + " -> " + outH + "x" + outW);
        }
        if ((long) inH * inW * channels != src.length) {
            throw new IllegalArgumentException("data length " + src.length + " does not match " + inH + "x" + inW
                    + "x" + channels);
        }
        float[] x = src;
        if (outW != inW) {
            x = resizeAxis(x, inH, inW, channels, outW);
        }
        if (outH != inH) {
            x = resizeAxis(x, 1, inH, outW * channels, outH);
        }
        return x == src ? src.clone() : x;
    }

    /**
     * Resizes channels-first data [C, inH, inW] to [C, outH, outW] (torch's NCHW layout, one batch).
     *
     * @return a new array (a copy if the size does not change)
     */
    public static float[] resizeChannelsFirst(float[] src, int channels, int inH, int inW, int outH, int outW) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1 || channels < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + channels + "x" + inH + "x" + inW
                    + " -> " + outH + "x" + outW);
        }
        if ((long) inH * inW * channels != src.length) {
            throw new IllegalArgumentException("data length " + src.length + " does not match " + channels + "x"
                    + inH + "x" + inW);
        }
        float[] x = src;
        if (outW != inW) {
            x = resizeAxis(x, channels * inH, inW, 1, outW);
        }
        if (outH != inH) {
            x = resizeAxis(x, channels, inH, outW, outH);
        }
        return x == src ? src.clone() : x;
    }

    /**
     * Resamples the middle axis of data viewed as [outer, len, inner] to [outer, outLen, inner].
     */
    static float[] resizeAxis(float[] in, int outer, int len, int inner, int outLen) {
        Taps taps = Taps.of(len, outLen);
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(outer, outLen), inner)];
        for (int o = 0; o < outer; o++) {
            int srcBase = o * len * inner;
            int dstBase = o * outLen * inner;
            for (int i = 0; i < outLen; i++) {
                float[] w = taps.weights[i];
                int first = srcBase + taps.start[i] * inner;
                int dst = dstBase + i * inner;
                for (int c = 0; c < inner; c++) {
                    out[dst + c] = dot(in, first + c, inner, w);
                }
            }
        }
        return out;
    }

    /** The kernel's weighted sum of {@code w.length} values at {@code src[first + k·stride]}. */
    private static float dot(float[] src, int first, int stride, float[] w) {
        int n = w.length;
        float acc = src[first] * w[0];
        int j = 1;
        int rest = n - 1;
        if (rest > 3) {
            int blocked = 1 + (rest & ~3);
            for (; j < blocked; j++) {
                float p = src[first + j * stride] * w[j];
                acc += p;
            }
        }
        for (; j < n; j++) {
            acc = Math.fma(src[first + j * stride], w[j], acc);
        }
        return acc;
    }

    /** Keys' cubic convolution kernel, a = −0.5, as torch 1.13 evaluates it for float. */
    static float kernel(float x) {
        if (x < 0f) {
            x = -x;
        }
        if (x < 1f) {
            double xd = x;
            double t = 1.5 * xd - 2.5;
            return (float) Math.fma(xd * t, xd, 1.0);
        }
        if (x < 2f) {
            float t = Math.fma(x - 5f, x, 8f);
            return Math.fma(t, x, -4f) * -0.5f;
        }
        return 0f;
    }

    /** Windows and normalised weights of one axis. */
    static final class Taps {
        final int[] start;
        final float[][] weights;

        private Taps(int[] start, float[][] weights) {
            this.start = start;
            this.weights = weights;
        }

        static Taps of(int in, int out) {
            float scale = (float) in / (float) out;
            boolean down = scale >= 1f;
            float support = down ? (float) (2.0 * scale) : 2f;
            float invscale = down ? 1f / scale : 1f;
            int[] start = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                float center = (float) (scale * (i + 0.5));
                long xmin = Math.max((long) ((double) (center - support) + 0.5), 0L);
                long xmax = Math.min((long) ((double) (center + support) + 0.5), (long) in);
                int size = (int) Math.max(xmax - xmin, 0);
                float[] w = new float[size];
                float total = 0f;
                for (int j = 0; j < size; j++) {
                    float arg = (float) (((double) ((float) (j + xmin) - center) + 0.5) * invscale);
                    w[j] = kernel(arg);
                    total += w[j];
                }
                if (total != 0f) {
                    for (int j = 0; j < size; j++) {
                        w[j] /= total;
                    }
                }
                if (size == 0) {
                    throw new IllegalStateException("empty interpolation window for output " + i);
                }
                start[i] = (int) xmin;
                weights[i] = w;
            }
            return new Taps(start, weights);
        }
    }
}
