package org.convpaint.resample;

import org.convpaint.image.PixelType;
import org.convpaint.numpy.Half;
import org.convpaint.numpy.PairwiseSum;

/**
 * skimage's {@code block_reduce(image, (1, …, k, k), func=np.mean)} on one plane whose sides are multiples of
 * {@code k}: each output pixel is the mean of a k×k block. numpy sums each block row with its pairwise sum (plain
 * left-to-right below 8 elements), adds the row sums to a zero accumulator in row order, then divides by k².
 * The arithmetic is float64, or float32 when {@code float32} is set (float32 data stays float32 in numpy). float16
 * data is summed in float32 the same way (numpy's {@code _mean} uses a float32 accumulator for float16), divided
 * by k² in float32 and rounded to float16 (checked bit for bit against skimage 0.19 / numpy 1.24 for k = 2..5).
 */
public final class BlockMean {
    private BlockMean() {
    }

    /**
     * @param src     plane of {@code h × w} values, row-major, starting at {@code srcOff}
     * @param dst     receives {@code (h/k) × (w/k)} values at {@code dstOff}
     * @param float32 emulate float32 arithmetic (values in {@code src} must be float32-representable)
     */
    public static void reduce(double[] src, int srcOff, int h, int w, int k, boolean float32, double[] dst,
            int dstOff) {
        reduce(src, srcOff, h, w, k, float32 ? PixelType.FLOAT32 : PixelType.FLOAT64, dst, dstOff);
    }

    /**
     * As {@link #reduce(double[], int, int, int, int, boolean, double[], int)} with numpy's arithmetic for data of
     * {@code type}: float32 for FLOAT32, float32 rounded to float16 for FLOAT16, float64 for anything else.
     */
    public static void reduce(double[] src, int srcOff, int h, int w, int k, PixelType type, double[] dst,
            int dstOff) {
        boolean float16 = type == PixelType.FLOAT16;
        boolean float32 = float16 || type == PixelType.FLOAT32;
        if (h % k != 0 || w % k != 0) {
            throw new IllegalArgumentException("plane " + h + "x" + w + " is not a multiple of " + k);
        }
        int oh = h / k;
        int ow = w / k;
        double n = (double) k * k;
        double[] row = new double[k];
        float[] rowF = float32 ? new float[k] : null;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                double acc = 0.0;
                float accF = 0f;
                for (int r = 0; r < k; r++) {
                    int base = srcOff + (oy * k + r) * w + ox * k;
                    if (float32) {
                        for (int c = 0; c < k; c++) {
                            rowF[c] = (float) src[base + c];
                        }
                        accF += PairwiseSum.sum(rowF, 0, k);
                    } else {
                        System.arraycopy(src, base, row, 0, k);
                        acc += PairwiseSum.sum(row, 0, k);
                    }
                }
                double mean = float32 ? (double) (accF / (float) n) : acc / n;
                dst[dstOff + oy * ow + ox] = float16 ? Half.round(mean) : mean;
            }
        }
    }
}
