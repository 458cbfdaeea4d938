package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.FeatureMaps;
import org.convpaint.image.ImageStack;
import org.convpaint.model.ChannelMode;
import org.convpaint.resample.SkimageResize;
import org.convpaint.resample.TorchInterpolate;

/**
 * convpaint's {@code extract_features_pyramid}: for each scaling {@code s} (model order) the padded image is
 * block-mean downscaled by {@code s}, split into channel series, passed through the extractor, and every feature
 * block is resized back to the padded size (or to the patch grid for patched extractors) with the model's
 * {@code fe_order}: torch {@code interpolate} (nearest for order 0, bilinear otherwise) for torch extractors,
 * skimage {@code resize} for numpy extractors. Per scale, {@code fe_use_min_features} keeps only the first
 * {@code min(features_per_layer)} maps (convpaint's quirk). Features are ordered [scale][series][layer][map].
 */
public final class FeaturePyramid {
    private FeaturePyramid() {
    }

    /**
     * @param padded      normalised, downsampled and padded image [C, Z, Hp, Wp]
     * @param scalings    image pyramid factors; each divides Hp and Wp
     * @param order       fe_order
     * @param minFeatures fe_use_min_features
     * @param mode        effective channel mode
     * @param patched     keep patched extractors' output on the patch grid
     */
    public static FeatureStack extract(ImageStack padded, FeatureExtractor fe, List<Integer> scalings, int order,
            boolean minFeatures, ChannelMode mode, boolean patched, ProgressMonitor monitor)
            throws ConvpaintException {
        int p = patched ? fe.patchSize() : 1;
        int th = padded.height() / p;
        int tw = padded.width() / p;
        List<float[]> blocks = new ArrayList<>();
        int total = 0;
        for (int si = 0; si < scalings.size(); si++) {
            monitor.checkCanceled();
            int s = scalings.get(si);
            ImageStack scaled = org.convpaint.pipeline.Downsampling.blockMean(padded, s);
            List<float[]> scaleMaps = new ArrayList<>();
            for (ImageStack series : channelSeries(scaled, fe, mode)) {
                for (FeatureMaps m : fe.extract(series)) {
                    float[] resized = resize(m, th, tw, order, fe.torchOutput());
                    for (int f = 0; f < m.features(); f++) {
                        float[] one = new float[m.depth() * th * tw];
                        System.arraycopy(resized, f * one.length, one, 0, one.length);
                        scaleMaps.add(one);
                    }
                }
                monitor.checkCanceled();
            }
            if (minFeatures && !fe.featuresPerLayer().isEmpty()) {
                int keep = fe.featuresPerLayer().stream().mapToInt(Integer::intValue).min().orElseThrow();
                scaleMaps = new ArrayList<>(scaleMaps.subList(0, Math.min(keep, scaleMaps.size())));
            }
            blocks.addAll(scaleMaps);
            total += scaleMaps.size();
            monitor.progress((si + 1.0) / scalings.size(), "features");
        }
        FeatureStack out = new FeatureStack(total, padded.depth(), th, tw);
        int n = out.pixels();
        for (int f = 0; f < total; f++) {
            System.arraycopy(blocks.get(f), 0, out.data(), f * n, n);
        }
        return out;
    }

    /** The channel series convpaint feeds to the extractor ({@code extract_features_from_multichannel_stack}). */
    static List<ImageStack> channelSeries(ImageStack img, FeatureExtractor fe, ChannelMode mode)
            throws InvalidInputException {
        int c = img.channels();
        boolean rgbData = mode == ChannelMode.RGB;
        if (rgbData && c != 3) {
            throw new InvalidInputException("the image is declared RGB but has " + c + " channels", null);
        }
        boolean nonRgbTriple = !rgbData && c == 3 && fe.rgbInput();
        if (c == fe.inputChannels() && !nonRgbTriple) {
            return List.of(img);
        }
        List<ImageStack> series = new ArrayList<>();
        int k = fe.inputChannels();
        int size = img.depth() * img.planeSize();
        for (int ch = 0; ch < c; ch++) {
            double[] rep = new double[k * size];
            for (int i = 0; i < k; i++) {
                System.arraycopy(img.data(), img.planeOffset(ch, 0), rep, i * size, size);
            }
            series.add(new ImageStack(k, img.depth(), img.height(), img.width(), rep, img.type()));
        }
        return series;
    }

    /** Resizes one block to {@code th × tw} and returns float32 maps [F, Z, th, tw]. */
    static float[] resize(FeatureMaps m, int th, int tw, int order, boolean torch) {
        int planes = m.features() * m.depth();
        if (m.floats() != null) {
            if (m.height() == th && m.width() == tw) {
                return m.floats();
            }
            if (!torch) {
                double[] d = new double[m.floats().length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = m.floats()[i];
                }
                return toFloats(SkimageResize.resize(d, planes, m.height(), m.width(), th, tw, order, true));
            }
            return order == 0 ? TorchInterpolate.nearest(m.floats(), planes, m.height(), m.width(), th, tw)
                    : TorchInterpolate.bilinear(m.floats(), planes, m.height(), m.width(), th, tw);
        }
        if (m.height() == th && m.width() == tw) {
            return toFloats(m.doubles());
        }
        return toFloats(SkimageResize.resize(m.doubles(), planes, m.height(), m.width(), th, tw, order,
                m.float32()));
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
