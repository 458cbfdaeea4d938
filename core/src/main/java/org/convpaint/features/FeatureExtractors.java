package org.convpaint.features;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ai.djl.Device;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.model.ExtractorCatalog;
import org.convpaint.model.WeightsFile;
import org.convpaint.weights.Tensor;
import org.convpaint.weights.TorchWeights;

/** Builds the feature extractor a model needs, loading and checking its weights. */
public final class FeatureExtractors {
    private FeatureExtractors() {
    }

    /**
     * @param model    the model (its parameters choose the extractor)
     * @param weights  where to find pretrained weights
     * @param forceCpu never use a GPU
     * @param warn     receives warnings (e.g. GPU unusable)
     * @throws UnsupportedModelException for extractors this version cannot compute
     */
    public static FeatureExtractor create(ConvpaintModel model, WeightsLocator weights, boolean forceCpu,
            Consumer<String> warn) throws ConvpaintException {
        return createAll(model, weights, forceCpu, warn, 1).get(0);
    }

    /**
     * {@code count} independent instances (one per worker thread), sharing the weights read once.
     *
     * @throws UnsupportedModelException for extractors this version cannot compute
     */
    public static List<FeatureExtractor> createAll(ConvpaintModel model, WeightsLocator weights, boolean forceCpu,
            Consumer<String> warn, int count) throws ConvpaintException {
        try {
            return DjlRuntime.withEngineClassLoader(() -> build(model, weights, forceCpu, warn, count));
        } catch (ai.djl.engine.EngineException e) {
            throw new ConvpaintException("the PyTorch engine could not start (" + e.getMessage() + ")",
                    model.source(), e);
        } catch (ConvpaintException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FeatureExtractor> build(ConvpaintModel model, WeightsLocator weights, boolean forceCpu,
            Consumer<String> warn, int count) throws ConvpaintException {
        ConvpaintParams params = model.params();
        String name = params.featureExtractor();
        List<FeatureExtractor> out = new java.util.ArrayList<>();
        switch (name) {
            case ExtractorCatalog.GAUSSIAN:
                for (int i = 0; i < count; i++) {
                    out.add(new GaussianFeatures());
                }
                return out;
            case ExtractorCatalog.VGG16: {
                Path file = weights.locate(WeightsFile.VGG16, name, 0);
                Map<String, Tensor> tensors = TorchWeights.read(file, key -> key.startsWith("features.")
                        || key.matches("\\d+\\.(weight|bias)"));
                Device device = ComputeDevice.choose(forceCpu, warn);
                try {
                    for (int i = 0; i < count; i++) {
                        FeatureExtractor fe = new Vgg16Features(params.layers(), tensors, device);
                        if (device.isGpu()) {
                            fe = new CpuFallbackExtractor(fe,
                                    () -> new Vgg16Features(params.layers(), tensors, Device.cpu()), warn);
                        }
                        out.add(fe);
                    }
                    return out;
                } catch (IllegalArgumentException e) {
                    out.forEach(FeatureExtractor::close);
                    throw new InvalidModelException("not usable as VGG16 weights: " + e.getMessage(), file);
                }
            }
            default:
                throw new UnsupportedModelException("feature extractor '" + name + "' is not supported yet "
                        + "(supported: " + String.join(", ", List.of(ExtractorCatalog.GAUSSIAN,
                                ExtractorCatalog.VGG16)) + ")", model.source());
        }
    }
}
