package org.convpaint.features;

import java.util.List;
import java.util.function.Consumer;

import org.convpaint.ConvpaintException;
import org.convpaint.image.ImageStack;

/**
 * Runs a GPU feature extractor and, if it ever fails (driver error, out of GPU memory), warns once and continues
 * with a CPU instance for this and all later calls: a CUDA problem never ends a run. Not thread-safe, like the
 * extractors it wraps.
 */
public final class CpuFallbackExtractor implements FeatureExtractor {
    /** Creates the CPU replacement. */
    @FunctionalInterface
    public interface CpuFactory {
        FeatureExtractor create() throws ConvpaintException;
    }

    private FeatureExtractor current;
    private final CpuFactory cpu;
    private final Consumer<String> warn;
    private boolean fellBack;

    public CpuFallbackExtractor(FeatureExtractor gpu, CpuFactory cpu, Consumer<String> warn) {
        this.current = gpu;
        this.cpu = cpu;
        this.warn = warn;
    }

    /** Whether the GPU failed and the CPU is used. */
    public boolean fellBack() {
        return fellBack;
    }

    @Override
    public List<FeatureMaps> extract(ImageStack series) throws ConvpaintException {
        return extract(series, series.depth(), series.height(), series.width());
    }

    @Override
    public List<FeatureMaps> extract(ImageStack series, int depth, int height, int width)
            throws ConvpaintException {
        try {
            return current.extract(series, depth, height, width);
        } catch (RuntimeException e) {
            if (fellBack) {
                throw e;
            }
            fellBack = true;
            warn.accept("the GPU failed (" + e.getMessage() + "); continuing on the CPU");
            FeatureExtractor failed = current;
            current = cpu.create();
            try {
                failed.close();
            } catch (RuntimeException ignored) {
                // the GPU context may be unusable; nothing more to release
            }
            return current.extract(series, depth, height, width);
        }
    }

    @Override
    public String name() {
        return current.name();
    }

    @Override
    public int padding() {
        return current.padding();
    }

    @Override
    public int patchSize() {
        return current.patchSize();
    }

    @Override
    public int inputChannels() {
        return current.inputChannels();
    }

    @Override
    public boolean rgbInput() {
        return current.rgbInput();
    }

    @Override
    public NormMode normMode() {
        return current.normMode();
    }

    @Override
    public boolean patchedOutput() {
        return current.patchedOutput();
    }

    @Override
    public boolean torchOutput() {
        return current.torchOutput();
    }

    @Override
    public List<Integer> featuresPerLayer() {
        return current.featuresPerLayer();
    }

    @Override
    public int featuresPerSeries() {
        return current.featuresPerSeries();
    }

    @Override
    public boolean tileable(int depth, int paddedHeight, int paddedWidth, List<Integer> scalings) {
        return current.tileable(depth, paddedHeight, paddedWidth, scalings);
    }

    @Override
    public void close() {
        current.close();
    }
}
