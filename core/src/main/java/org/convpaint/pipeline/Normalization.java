package org.convpaint.pipeline;

import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelData;
import org.convpaint.image.SourceStack;
import org.convpaint.image.PixelType;
import org.convpaint.model.ChannelMode;
import org.convpaint.numpy.Half;
import org.convpaint.numpy.PairwiseSum;

/**
 * convpaint's {@code _norm_single_image}, computed once per image (statistics never per tile):
 * <ul>
 * <li>{@code normalize} 1 (or missing): unchanged, integers stay integers;</li>
 * <li>ImageNet extractors on {@code rgb} images with 3 channels: cast to float32, to [0, 1] by dtype (uint:
 * {@code /max}, int: {@code (x−min)/(max−min)}, float32/float64: unchanged if within [0, 1], else the image is
 * returned <em>unnormalised</em>; float16: unchanged and never checked, as convpaint only checks float32/64), then
 * {@code (x − mean_c)/std_c} with ImageNet's float32 constants;</li>
 * <li>otherwise z-score per channel over (Z, H, W) for {@code normalize} 2, per channel and plane for any other
 * value: {@code (x − mean)/max(std, 1e-6)}, population std.</li>
 * </ul>
 * Statistics follow numpy exactly: pairwise sums over buffers of 8192 elements added in order; float64 for
 * integer and float64 images, float32 for float32 images. float16 images follow numpy 1.24's float16 path
 * ({@link HalfStatistics}: float32 sums for the mean, float16 accumulators for the std, then
 * {@code (x − mean)/max(std, float16(1e-6))} with every operation rounded to float16; the result is float16, and
 * all zeros when the float16 sums of {@code x.std()} overflow). Immutable and serializable (a planned
 * normalisation is shipped to the processes that compute blocks of the same timepoint); {@link #apply} is
 * thread-safe.
 */
public final class Normalization implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int NUMPY_BUFFER = 8192;
    /** {@code np.maximum(std, 1e-6)} on a float16 std: 1e-6 becomes the float16 subnormal 17·2⁻²⁴. */
    private static final double HALF_STD_FLOOR = Half.round(1e-6);
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private enum Kind { NONE, ZSCORE, IMAGENET }

    private final Kind kind;
    private final PixelType inputType;
    private final PixelType outputType;
    private final boolean perPlane;
    private final int depth;
    private final double[] mean;
    private final double[] std;

    private Normalization(Kind kind, PixelType inputType, PixelType outputType, boolean perPlane, int depth,
            double[] mean, double[] std) {
        this.kind = kind;
        this.inputType = inputType;
        this.outputType = outputType;
        this.perPlane = perPlane;
        this.depth = depth;
        this.mean = mean;
        this.std = std;
    }

    /** Plans the normalisation of a dense image, computing its statistics. */
    public static Normalization of(ImageStack image, int normalize, NormMode feNorm, ChannelMode mode) {
        return of(SourceStack.of(image), normalize, feNorm, mode);
    }

    /** Plans the normalisation of {@code image}, computing its statistics. */
    public static Normalization of(SourceStack image, int normalize, NormMode feNorm, ChannelMode mode) {
        PixelType t = image.type();
        if (normalize == 1) {
            return new Normalization(Kind.NONE, t, t, false, image.depth(), null, null);
        }
        if (feNorm == NormMode.IMAGENET && mode == ChannelMode.RGB) {
            return imagenet(image);
        }
        boolean perPlane = normalize != 2;
        boolean f32 = t == PixelType.FLOAT32;
        boolean f16 = t == PixelType.FLOAT16;
        int groups = perPlane ? image.channels() * image.depth() : image.channels();
        int groupSize = perPlane ? image.planeSize() : image.depth() * image.planeSize();
        double[] mean = new double[groups];
        double[] std = new double[groups];
        PixelData d = image.data();
        for (int g = 0; g < groups; g++) {
            int off = g * groupSize;
            if (f16) {
                mean[g] = HalfStatistics.mean(d, off, groupSize);
                std[g] = Math.max(HalfStatistics.std(d, off, groupSize), HALF_STD_FLOOR);
            } else if (f32) {
                float m = blockedSumF(d, off, groupSize, 0f, false) / (float) groupSize;
                float var = blockedSumF(d, off, groupSize, m, true) / (float) groupSize;
                mean[g] = m;
                std[g] = Math.max((float) Math.sqrt(var), (float) 1e-6);
            } else {
                double m = blockedSum(d, off, groupSize, 0, false) / groupSize;
                double var = blockedSum(d, off, groupSize, m, true) / groupSize;
                mean[g] = m;
                std[g] = Math.max(Math.sqrt(var), 1e-6);
            }
        }
        PixelType out = f16 ? PixelType.FLOAT16 : f32 ? PixelType.FLOAT32 : PixelType.FLOAT64;
        return new Normalization(Kind.ZSCORE, t, out, perPlane, image.depth(), mean, std);
    }

    private static Normalization imagenet(SourceStack image) {
        PixelType t = image.type();
        if (image.channels() != 3) {
            return new Normalization(Kind.NONE, t, t, false, image.depth(), null, null);
        }
        if (t == PixelType.FLOAT32 || t == PixelType.FLOAT64) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            PixelData d = image.data();
            double[] buf = new double[Math.min(d.length(), NUMPY_BUFFER)];
            for (int s = 0; s < d.length(); s += NUMPY_BUFFER) {
                int len = Math.min(NUMPY_BUFFER, d.length() - s);
                d.copy(s, buf, 0, len);
                for (int i = 0; i < len; i++) {
                    float f = (float) buf[i];
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
            }
            if (!(lo >= 0.0 && hi <= 1.0)) {
                return new Normalization(Kind.NONE, t, t, false, image.depth(), null, null);
            }
        }
        // numpy promotes float32 / python-int to float64 when the int does not fit a 16-bit type
        boolean f64 = t == PixelType.UINT32 || t == PixelType.INT32;
        return new Normalization(Kind.IMAGENET, t, f64 ? PixelType.FLOAT64 : PixelType.FLOAT32, false,
                image.depth(), null, null);
    }

    /** The pixel type of normalised images (float32, float64, or the input type when nothing is done). */
    public PixelType outputType() {
        return outputType;
    }

    /** Whether this normalisation changes anything. */
    public boolean isIdentity() {
        return kind == Kind.NONE;
    }

    /** Normalises a whole image (the one it was planned on, or one of the same channels and depth). */
    public ImageStack apply(ImageStack image) {
        if (kind == Kind.NONE) {
            return image;
        }
        double[] out = new double[image.data().length];
        for (int c = 0; c < image.channels(); c++) {
            for (int z = 0; z < image.depth(); z++) {
                int off = image.planeOffset(c, z);
                applyPlane(image.data(), off, image.planeSize(), c, z, out, off);
            }
        }
        return new ImageStack(image.channels(), image.depth(), image.height(), image.width(), out, outputType);
    }

    /** Normalises {@code n} values of plane {@code (c, z)} (any region of it). */
    public void applyPlane(double[] src, int srcOff, int n, int c, int z, double[] dst, int dstOff) {
        switch (kind) {
            case NONE -> System.arraycopy(src, srcOff, dst, dstOff, n);
            case ZSCORE -> {
                int g = perPlane ? c * depth + z : c;
                if (outputType == PixelType.FLOAT16) {
                    float m = (float) mean[g];
                    float s = (float) std[g];
                    for (int i = 0; i < n; i++) {
                        float dev = (float) Half.round((float) src[srcOff + i] - m);
                        dst[dstOff + i] = Half.round(dev / s);
                    }
                } else if (outputType == PixelType.FLOAT32) {
                    float m = (float) mean[g];
                    float s = (float) std[g];
                    for (int i = 0; i < n; i++) {
                        dst[dstOff + i] = ((float) src[srcOff + i] - m) / s;
                    }
                } else {
                    double m = mean[g];
                    double s = std[g];
                    for (int i = 0; i < n; i++) {
                        dst[dstOff + i] = (src[srcOff + i] - m) / s;
                    }
                }
            }
            case IMAGENET -> imagenetPlane(src, srcOff, n, c, dst, dstOff);
            default -> throw new IllegalStateException();
        }
    }

    private void imagenetPlane(double[] src, int srcOff, int n, int c, double[] dst, int dstOff) {
        float m = IMAGENET_MEAN[c];
        float s = IMAGENET_STD[c];
        boolean f64 = outputType == PixelType.FLOAT64;
        for (int i = 0; i < n; i++) {
            float x = (float) src[srcOff + i];
            if (f64) {
                double y = inputType.isSigned()
                        ? (x - inputType.minValue()) / (inputType.maxValue() - inputType.minValue())
                        : x / inputType.maxValue();
                dst[dstOff + i] = (y - m) / s;
            } else {
                float y;
                if (inputType.isFloating()) {
                    y = x;
                } else if (inputType.isSigned()) {
                    y = (x - (float) inputType.minValue()) / (float) (inputType.maxValue() - inputType.minValue());
                } else {
                    y = x / (float) inputType.maxValue();
                }
                dst[dstOff + i] = (y - m) / s;
            }
        }
    }

    /** numpy's float64 add-reduce: pairwise sums of 8192-element buffers, accumulated in order from 0. */
    private static double blockedSum(PixelData d, int off, int n, double mean, boolean squares) {
        double acc = 0.0;
        double[] buf = new double[Math.min(n, NUMPY_BUFFER)];
        for (int s = 0; s < n; s += NUMPY_BUFFER) {
            int len = Math.min(NUMPY_BUFFER, n - s);
            d.copy(off + s, buf, 0, len);
            if (squares) {
                for (int i = 0; i < len; i++) {
                    double v = buf[i] - mean;
                    buf[i] = v * v;
                }
            }
            acc += PairwiseSum.sum(buf, 0, len);
        }
        return acc;
    }

    /** numpy's float32 add-reduce, as {@link #blockedSum} in single precision. */
    static float blockedSumF(PixelData d, int off, int n, float mean, boolean squares) {
        float acc = 0f;
        float[] buf = new float[Math.min(n, NUMPY_BUFFER)];
        double[] raw = new double[buf.length];
        for (int s = 0; s < n; s += NUMPY_BUFFER) {
            int len = Math.min(NUMPY_BUFFER, n - s);
            d.copy(off + s, raw, 0, len);
            for (int i = 0; i < len; i++) {
                float v = (float) raw[i];
                if (squares) {
                    float dv = v - mean;
                    buf[i] = dv * dv;
                } else {
                    buf[i] = v;
                }
            }
            acc += PairwiseSum.sum(buf, 0, len);
        }
        return acc;
    }
}
