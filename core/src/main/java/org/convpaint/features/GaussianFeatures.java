package org.convpaint.features;

import java.util.List;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.resample.GaussianFilter;

/**
 * convpaint's {@code gaussian_features}: {@code skimage.filters.gaussian(plane, sigma=3, channel_axis=0)} per plane,
 * i.e. scipy's Gaussian filter in {@code 'nearest'} mode with truncate 4 (radius 12). Integer images are first
 * scaled as {@code img_as_float} does ({@code x · (1/max)} for unsigned, clipped at −1 for signed); float32
 * and float16 images are filtered in float32 storage (skimage casts float16 to float32), others in float64. One
 * feature per series; padding 12; stateless.
 */
public final class GaussianFeatures implements FeatureExtractor {
    private static final double SIGMA = 3.0;

    @Override
    public String name() {
        return "gaussian_features";
    }

    @Override
    public int padding() {
        return (int) Math.ceil(4 * SIGMA);
    }

    @Override
    public int patchSize() {
        return 1;
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public boolean rgbInput() {
        return false;
    }

    @Override
    public NormMode normMode() {
        return NormMode.DEFAULT;
    }

    @Override
    public boolean torchOutput() {
        return false;
    }

    @Override
    public int featuresPerSeries() {
        return 1;
    }

    @Override
    public List<FeatureMaps> extract(ImageStack series) {
        if (series.channels() != 1) {
            throw new IllegalArgumentException("gaussian features take one channel, got " + series.channels());
        }
        int h = series.height();
        int w = series.width();
        int n = h * w;
        PixelType t = series.type();
        // skimage's gaussian filters float16 as float32 (_supported_float_type): same values, float32 arithmetic
        boolean f32 = t == PixelType.FLOAT32 || t == PixelType.FLOAT16;
        double[] in = series.data();
        if (t.isInteger()) {
            in = imgAsFloat(in, t);
        }
        double[] out = new double[series.depth() * n];
        for (int z = 0; z < series.depth(); z++) {
            GaussianFilter.filterPlane(in, z * n, h, w, SIGMA, SIGMA, GaussianFilter.Mode.NEAREST, f32, out, z * n);
        }
        return List.of(FeatureMaps.ofDoubles(1, series.depth(), h, w, out, f32));
    }

    /** skimage's {@code img_as_float} for integer input: {@code x · (1/max)} in float64, signed clipped at −1. */
    static double[] imgAsFloat(double[] in, PixelType t) {
        double scale = 1.0 / t.maxValue();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i] * scale;
            out[i] = t.isSigned() ? Math.max(v, -1.0) : v;
        }
        return out;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
