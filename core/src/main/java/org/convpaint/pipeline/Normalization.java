package org.convpaint.pipeline;

import java.util.Optional;

import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;
import org.convpaint.model.ChannelMode;
import org.convpaint.numpy.Half;
import org.convpaint.stats.Arithmetic;
import org.convpaint.stats.GroupLayout;
import org.convpaint.stats.GroupStatistics;
import org.convpaint.stats.TimepointValues;
import org.convpaint.stats.ValueExtremes;

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
 * Statistics follow numpy exactly ({@link GroupStatistics}, {@link Arithmetic}): pairwise sums over buffers of 8192
 * elements added in order; float64 for integer and float64 images, float32 for float32 images; float16 images
 * follow numpy 1.24's float16 path (float32 sums for the mean, float16 accumulators for the std, then
 * {@code (x − mean)/max(std, float16(1e-6))} with every operation rounded to float16; the result is float16, and
 * all zeros when the float16 sums of {@code x.std()} overflow).
 * <p>
 * What has to be read from the values before the normalisation is known is its {@link #prepass}: nothing, the
 * ImageNet range check, or the z-score statistics. {@link #of} computes it on one machine; a distributed job
 * computes it with {@code org.convpaint.stats} and plans the same normalisation, bit for bit, with
 * {@link #withoutPrepass}, {@link #fromRangeCheck} or {@link #fromStatistics}. Immutable and serializable (a
 * planned normalisation is shipped to the processes that compute blocks of the same timepoint); {@link #apply} is
 * thread-safe.
 */
public final class Normalization implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private enum Kind { NONE, ZSCORE, IMAGENET }

    /** What a normalisation must read from an image's values before it can be planned. */
    public enum Prepass {
        /** Nothing: the normalisation follows from the pixel type and the settings. */
        NONE,
        /** The ImageNet range check: whether all values lie in [0, 1] ({@link ValueExtremes}). */
        RANGE_CHECK,
        /** The z-score statistics of the groups of {@link GroupLayout#forNormalize} ({@link GroupStatistics}). */
        STATISTICS
    }

    private final Kind kind;
    private final PixelType inputType;
    private final PixelType outputType;
    private final GroupStatistics statistics;

    private Normalization(Kind kind, PixelType inputType, PixelType outputType, GroupStatistics statistics) {
        this.kind = kind;
        this.inputType = inputType;
        this.outputType = outputType;
        this.statistics = statistics;
    }

    /** Plans the normalisation of a dense image, computing its statistics. */
    public static Normalization of(ImageStack image, int normalize, NormMode feNorm, ChannelMode mode) {
        return of(SourceStack.of(image), normalize, feNorm, mode);
    }

    /**
     * Plans the normalisation of {@code image}, computing its {@link #prepass} on this machine.
     *
     * @throws org.convpaint.image.PixelData.ReadFailure if values read on demand cannot be read
     */
    public static Normalization of(SourceStack image, int normalize, NormMode feNorm, ChannelMode mode) {
        PixelType t = image.type();
        int c = image.channels();
        return switch (prepass(t, c, normalize, feNorm, mode)) {
            case NONE -> withoutPrepass(t, c, normalize, feNorm, mode);
            case RANGE_CHECK -> fromRangeCheck(t, c,
                    ValueExtremes.withinUnitInterval(TimepointValues.of(image), GroupLayout.of(image, normalize)));
            case STATISTICS -> fromStatistics(
                    GroupStatistics.of(TimepointValues.of(image), GroupLayout.of(image, normalize)));
        };
    }

    /**
     * What {@link #of} reads from an image of pixel type {@code type} with {@code channels} channels: nothing for
     * {@code normalize} 1; for ImageNet extractors on {@code rgb} images the range check of 3-channel float32 and
     * float64 images, else nothing; otherwise the z-score statistics.
     */
    public static Prepass prepass(PixelType type, int channels, int normalize, NormMode feNorm, ChannelMode mode) {
        if (normalize == 1) {
            return Prepass.NONE;
        }
        if (feNorm == NormMode.IMAGENET && mode == ChannelMode.RGB) {
            boolean checked = type == PixelType.FLOAT32 || type == PixelType.FLOAT64;
            return channels == 3 && checked ? Prepass.RANGE_CHECK : Prepass.NONE;
        }
        return Prepass.STATISTICS;
    }

    /**
     * The normalisation {@link #of} plans when its {@link #prepass} is {@link Prepass#NONE}: unchanged, or
     * ImageNet's scaling of integer and float16 images.
     *
     * @throws IllegalArgumentException if the prepass is not {@link Prepass#NONE}
     */
    public static Normalization withoutPrepass(PixelType type, int channels, int normalize, NormMode feNorm,
            ChannelMode mode) {
        Prepass p = prepass(type, channels, normalize, feNorm, mode);
        if (p != Prepass.NONE) {
            throw new IllegalArgumentException("normalising " + type.numpyName() + " images with normalize "
                    + normalize + " needs the " + p + " prepass");
        }
        boolean imagenet = normalize != 1 && feNorm == NormMode.IMAGENET && mode == ChannelMode.RGB && channels == 3;
        return imagenet ? imagenet(type) : new Normalization(Kind.NONE, type, type, null);
    }

    /**
     * The normalisation {@link #of} plans for a 3-channel float32 or float64 image on ImageNet's path
     * ({@link Prepass#RANGE_CHECK}): ImageNet's if all values lie in [0, 1], else unchanged.
     *
     * @param withinUnitInterval the range check's result, e.g. {@link ValueExtremes#withinUnitInterval}
     * @throws IllegalArgumentException if the image is not float32 or float64 with 3 channels
     */
    public static Normalization fromRangeCheck(PixelType type, int channels, boolean withinUnitInterval) {
        if (channels != 3 || (type != PixelType.FLOAT32 && type != PixelType.FLOAT64)) {
            throw new IllegalArgumentException("the ImageNet range check is made on 3-channel float32/float64 "
                    + "images, not " + channels + "-channel " + type.numpyName() + " ones");
        }
        return withinUnitInterval ? imagenet(type) : new Normalization(Kind.NONE, type, type, null);
    }

    /**
     * The z-score with given statistics ({@link Prepass#STATISTICS}), e.g. combined from distributed passes: the
     * same normalisation as {@link #of} on the image they were computed from, if they were computed with
     * {@link GroupLayout#forNormalize} of its {@code normalize}. Applies to images of the layout's channels and
     * depth.
     */
    public static Normalization fromStatistics(GroupStatistics statistics) {
        PixelType t = statistics.layout().type();
        return new Normalization(Kind.ZSCORE, t, statistics.layout().arithmetic().outputType(), statistics);
    }

    private static Normalization imagenet(PixelType t) {
        // numpy promotes float32 / python-int to float64 when the int does not fit a 16-bit type
        boolean f64 = t == PixelType.UINT32 || t == PixelType.INT32;
        return new Normalization(Kind.IMAGENET, t, f64 ? PixelType.FLOAT64 : PixelType.FLOAT32, null);
    }

    /** The z-score statistics, if this normalisation is a z-score. */
    public Optional<GroupStatistics> statistics() {
        return Optional.ofNullable(statistics);
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
                int g = statistics.layout().group(c, z);
                if (outputType == PixelType.FLOAT16) {
                    float m = (float) statistics.mean(g);
                    float s = (float) statistics.std(g);
                    for (int i = 0; i < n; i++) {
                        float dev = (float) Half.round((float) src[srcOff + i] - m);
                        dst[dstOff + i] = Half.round(dev / s);
                    }
                } else if (outputType == PixelType.FLOAT32) {
                    float m = (float) statistics.mean(g);
                    float s = (float) statistics.std(g);
                    for (int i = 0; i < n; i++) {
                        dst[dstOff + i] = ((float) src[srcOff + i] - m) / s;
                    }
                } else {
                    double m = statistics.mean(g);
                    double s = statistics.std(g);
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
}
