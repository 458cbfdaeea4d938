package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.convpaint.CanceledException;
import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.ComboFeatures;
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
        return extract(padded, fe, scalings, order, minFeatures, mode, patched, null,
                new int[] {padded.depth(), padded.height(), padded.width()}, monitor);
    }

    /**
     * As above, for a window of a larger image: numpy resizes clip to {@code bounds[scale][block]} = {min, max} of
     * that block over the whole image instead of the window's own range (null: the window is the whole image);
     * {@code whole} = {depth, padded height, padded width} of the whole image.
     */
    public static FeatureStack extract(ImageStack padded, FeatureExtractor fe, List<Integer> scalings, int order,
            boolean minFeatures, ChannelMode mode, boolean patched, double[][][] bounds, int[] whole,
            ProgressMonitor monitor) throws ConvpaintException {
        return extract(padded, fe, scalings, order, minFeatures, mode, patched, bounds, whole, null, null, monitor);
    }

    /**
     * A second extractor like the first and an idle pool: while the calling thread computes the first scaling, the
     * others are computed there (each into its own features of the stack, so the result is the same).
     */
    record Helper(FeatureExtractor extractor, ExecutorService pool) {
    }

    /**
     * As above, filling {@code buffer} when it is large enough (see {@link FeatureStack#FeatureStack(int, int, int,
     * int, float[])}; null allocates), with the scalings after the first on {@code helper} (null: none).
     */
    static FeatureStack extract(ImageStack padded, FeatureExtractor fe, List<Integer> scalings, int order,
            boolean minFeatures, ChannelMode mode, boolean patched, double[][][] bounds, int[] whole, float[] buffer,
            Helper helper, ProgressMonitor monitor) throws ConvpaintException {
        if (fe instanceof ComboFeatures combo) {
            return combo(padded, combo, mode, whole, monitor);
        }
        int p = patched ? fe.patchSize() : 1;
        int th = padded.height() / p;
        int tw = padded.width() / p;
        int seriesCount = channelSeriesCount(padded.channels(), fe, mode);
        int perScale = seriesCount * fe.featuresPerSeries();
        int keep = perScale;
        if (minFeatures && !fe.featuresPerLayer().isEmpty()) {
            keep = Math.min(perScale, fe.featuresPerLayer().stream().mapToInt(Integer::intValue).min().orElseThrow());
        }
        FeatureStack out = new FeatureStack(keep * scalings.size(), padded.depth(), th, tw, buffer);
        Scales all = new Scales(padded, scalings, keep, order, mode, bounds, whole, out);
        if (helper == null || scalings.size() < 2) {
            for (int si = 0; si < scalings.size(); si++) {
                monitor.checkCanceled();
                all.compute(si, fe, monitor);
                monitor.progress((si + 1.0) / scalings.size(), "features");
            }
            return out;
        }
        Future<?> rest = helper.pool().submit(() -> {
            for (int si = 1; si < scalings.size(); si++) {
                all.compute(si, helper.extractor(), ProgressMonitor.NONE);
            }
            return null;
        });
        try {
            all.compute(0, fe, monitor);
        } catch (ConvpaintException | RuntimeException | Error e) {
            awaitQuietly(rest);
            throw e;
        }
        await(rest);
        monitor.progress(1, "features");
        return out;
    }

    /** The scalings of one stack; {@link #compute} fills the features of one scaling. */
    private record Scales(ImageStack padded, List<Integer> scalings, int keep, int order, ChannelMode mode,
            double[][][] bounds, int[] whole, FeatureStack out) {

        void compute(int si, FeatureExtractor fe, ProgressMonitor monitor) throws ConvpaintException {
            int n = out.pixels();
            int th = out.height();
            int tw = out.width();
            ImageStack scaled = Downsampling.blockMean(padded, scalings.get(si));
            int next = si * keep;
            int end = next + keep;
            int block = 0;
            List<ImageStack> series = channelSeries(scaled, fe, mode);
            int wholeHeight = ceilDiv(whole[1], scalings.get(si));
            int wholeWidth = ceilDiv(whole[2], scalings.get(si));
            // features as large as the stack, of a single series: straight into the stack where the extractor can
            if (series.size() == 1 && scaled.height() == th && scaled.width() == tw && scaled.depth() == 1
                    && fe.extractInto(series.get(0), whole[0], wholeHeight, wholeWidth, keep, out.data(), next * n)) {
                next = end;
                series = List.of();
            }
            for (ImageStack one : series) {
                for (FeatureMaps m : fe.extract(one, whole[0], wholeHeight, wholeWidth)) {
                    if (next >= end) {
                        break;
                    }
                    double[] b = bounds == null || bounds[si] == null ? null : bounds[si][block];
                    block++;
                    int count = Math.min(m.features(), end - next);
                    resize(m, count, th, tw, order, fe.torchOutput(), b, out.data(), next * n);
                    next += count;
                }
                monitor.checkCanceled();
            }
            if (next != end) {
                throw new IllegalStateException(fe.name() + " returned " + (next - si * keep) + " features where "
                        + keep + " were expected");
            }
        }
    }

    /** Waits for the helper's scalings; its failure is rethrown as it was, an interrupt is a cancellation. */
    private static void await(Future<?> rest) throws ConvpaintException {
        try {
            rest.get();
        } catch (InterruptedException e) {
            awaitQuietly(rest);
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } catch (ExecutionException e) {
            TileFailure.rethrow(e.getCause());
        }
    }

    /**
     * Waits, through interrupts, until the helper has finished (not cancelled: a cancelled task may still be
     * running) and so let go of its extractor, which the caller hands on afterwards.
     */
    private static void awaitQuietly(Future<?> rest) {
        boolean interrupted = false;
        while (true) {
            try {
                rest.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** convpaint's {@code ComboFeatures.extract_features_pyramid}: each part's own pyramid, concatenated. */
    private static FeatureStack combo(ImageStack padded, ComboFeatures combo, ChannelMode mode, int[] whole,
            ProgressMonitor monitor) throws ConvpaintException {
        List<FeatureStack> parts = new ArrayList<>();
        int total = 0;
        for (ComboFeatures.Part part : combo.parts()) {
            FeatureStack fs = extract(padded, part.extractor(), part.scalings(), part.order(), false, mode, false,
                    null, whole, monitor);
            parts.add(fs);
            total += fs.features();
        }
        FeatureStack out = new FeatureStack(total, padded.depth(), padded.height(), padded.width());
        int at = 0;
        for (FeatureStack fs : parts) {
            int size = fs.features() * fs.pixels();
            System.arraycopy(fs.data(), 0, out.data(), at, size);
            at += size;
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Number of channel series a {@code channels}-channel image makes for {@code fe}. */
    static int channelSeriesCount(int channels, FeatureExtractor fe, ChannelMode mode) {
        boolean nonRgbTriple = mode != ChannelMode.RGB && channels == 3 && fe.rgbInput();
        return channels == fe.inputChannels() && !nonRgbTriple ? 1 : channels;
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

    /**
     * The {min, max} of each feature block of {@code window} at scale {@code s}, over the coarse pixels of the
     * interior rows [iy0, iy1) and columns [ix0, ix1) (window coordinates, multiples of s): the bounds skimage's
     * resize clips to, gathered tile by tile.
     */
    public static double[][] coarseBounds(ImageStack window, FeatureExtractor fe, int s, ChannelMode mode, int iy0,
            int iy1, int ix0, int ix1, int[] whole) throws ConvpaintException {
        ImageStack scaled = Downsampling.blockMean(window, s);
        List<double[]> out = new ArrayList<>();
        for (ImageStack series : channelSeries(scaled, fe, mode)) {
            for (FeatureMaps m : fe.extract(series, whole[0], whole[1] / s, whole[2] / s)) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int plane = m.height() * m.width();
                for (int p = 0; p < m.features() * m.depth(); p++) {
                    for (int y = iy0 / s; y < iy1 / s; y++) {
                        for (int x = ix0 / s; x < ix1 / s; x++) {
                            int i = p * plane + y * m.width() + x;
                            double v = m.doubles() != null ? m.doubles()[i] : m.floats()[i];
                            if (Double.isNaN(v)) {
                                lo = Double.NaN;
                                hi = Double.NaN;
                            } else if (!Double.isNaN(lo)) {
                                lo = Math.min(lo, v);
                                hi = Math.max(hi, v);
                            }
                        }
                    }
                }
                out.add(new double[] {lo, hi});
            }
        }
        return out.toArray(new double[0][]);
    }

    /**
     * Resizes the first {@code count} maps of one block to {@code th × tw} and writes them as float32 [count, Z, th,
     * tw] to {@code out} from {@code offset}; numpy resizes clip to {@code bounds} when given, else to the block's
     * own {min, max}.
     */
    static void resize(FeatureMaps m, int count, int th, int tw, int order, boolean torch, double[] bounds,
            float[] out, int offset) {
        int planes = count * m.depth();
        int size = planes * m.height() * m.width();
        if (m.height() == th && m.width() == tw) {
            if (m.floats() != null) {
                System.arraycopy(m.floats(), 0, out, offset, size);
            } else {
                toFloats(m.doubles(), size, out, offset);
            }
            return;
        }
        if (m.floats() != null && torch) {
            if (order == 0) {
                TorchInterpolate.nearest(m.floats(), planes, m.height(), m.width(), th, tw, out, offset);
            } else {
                TorchInterpolate.bilinear(m.floats(), planes, m.height(), m.width(), th, tw, out, offset);
            }
            return;
        }
        double[] d = m.doubles();
        boolean float32 = m.float32();
        if (d == null) {
            float[] f = m.floats();
            d = new double[f.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = f[i];
            }
            float32 = true;
        }
        double[] b = bounds != null ? bounds : SkimageResize.bounds(d, d.length);
        double[] resized = SkimageResize.resize(d, planes, m.height(), m.width(), th, tw, order, float32,
                b[0], b[1]);
        toFloats(resized, resized.length, out, offset);
    }

    private static void toFloats(double[] d, int count, float[] out, int offset) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = (float) d[i];
        }
    }
}
