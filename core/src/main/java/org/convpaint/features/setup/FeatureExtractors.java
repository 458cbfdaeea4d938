package org.convpaint.features.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ai.djl.Device;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.features.ComboFeatures;
import org.convpaint.features.ComputeDevice;
import org.convpaint.features.CpuFallbackExtractor;
import org.convpaint.features.DjlRuntime;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.GaussianFeatures;
import org.convpaint.features.Vgg16Features;
import org.convpaint.features.WeightsLocator;
import org.convpaint.features.dino.Dinov2Features;
import org.convpaint.features.dino.Dinov2StateDict;
import org.convpaint.features.dino.Dinov3Features;
import org.convpaint.features.dino.Dinov3StateDict;
import org.convpaint.features.dino.StateDictSpec;
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
                Weights w = vggWeights(weights, name, 1);
                // features.0 alone is computed in Java (libtorch only for tiny images, on the CPU as the
                // reference): no device to choose, and the engine is not even started
                boolean firstOnly = params.layers().equals(List.of("features.0"));
                Device device = firstOnly ? Device.cpu() : ComputeDevice.choose(forceCpu, warn);
                try {
                    for (int i = 0; i < count; i++) {
                        out.add(onDevice(device, d -> new Vgg16Features(params.layers(), w.tensors(), d), warn));
                    }
                } catch (IllegalArgumentException e) {
                    out.forEach(FeatureExtractor::close);
                    throw new InvalidModelException("not usable as VGG16 weights: " + e.getMessage(), w.file());
                }
                return out;
            }
            case ExtractorCatalog.DINOV2: {
                Map<String, Tensor> tensors = dinoWeights(weights, name, 1);
                Device device = ComputeDevice.choose(forceCpu, warn);
                out.add(onDevice(device, d -> new Dinov2Features(tensors, d), warn));
                return out;
            }
            case ExtractorCatalog.DINOV3: {
                Map<String, Tensor> tensors = transformerWeights(weights, name, 1, WeightsFile.DINOV3_VITS16PLUS,
                        Dinov3StateDict.spec());
                Device device = ComputeDevice.choose(forceCpu, warn);
                out.add(onDevice(device, d -> new Dinov3Features(tensors, d), warn));
                return out;
            }
            case ExtractorCatalog.COMBO_DINO_VGG:
            case ExtractorCatalog.COMBO_DINO_GAUSS: {
                boolean vgg = name.equals(ExtractorCatalog.COMBO_DINO_VGG);
                Map<String, Tensor> dino = dinoWeights(weights, name, vgg ? 2 : 1);
                Device device = ComputeDevice.choose(forceCpu, warn);
                ComboFeatures.Part first;
                if (vgg) {
                    Weights v = vggWeights(weights, name, 2);
                    FeatureExtractor fe;
                    try {
                        fe = onDevice(device, d -> new Vgg16Features(List.of("features.0"), v.tensors(), d), warn);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidModelException("not usable as VGG16 weights: " + e.getMessage(), v.file());
                    }
                    first = new ComboFeatures.Part(fe, List.of(1, 2, 4), 0);
                } else {
                    first = new ComboFeatures.Part(new GaussianFeatures(), List.of(1), 0);
                }
                ComboFeatures.Part second = new ComboFeatures.Part(onDevice(device, d -> new Dinov2Features(dino, d),
                        warn), List.of(1), 0);
                out.add(new ComboFeatures(name, List.of(first, second)));
                return out;
            }
            default:
                throw new UnsupportedModelException("feature extractor '" + name + "' is not supported yet "
                        + "(supported: " + String.join(", ", ExtractorCatalog.supported()) + ")", model.source());
        }
    }

    /** Builds an extractor for a device; on a GPU it falls back to the CPU on failure. */
    private interface OnDevice {
        FeatureExtractor create(Device d);
    }

    private static FeatureExtractor onDevice(Device device, OnDevice factory, Consumer<String> warn) {
        FeatureExtractor fe = factory.create(device);
        return device.isGpu() ? new CpuFallbackExtractor(fe, () -> factory.create(Device.cpu()), warn) : fe;
    }

    /** Tensors read from a weights file. */
    private record Weights(Path file, Map<String, Tensor> tensors) {
    }

    private static Weights vggWeights(WeightsLocator weights, String extractor, int kinds)
            throws ConvpaintException {
        Path file = weights.locate(WeightsFile.VGG16, extractor,
                names -> names.contains("features.0.weight") || names.contains("0.weight"), kinds);
        // only the convolutions' tensors, each at most as large as VGG16 needs it
        Map<String, Tensor> t = TorchWeights.read(file, key -> Vgg16Features.expectedShape(key) != null,
                Vgg16Features::expectedShape);
        if (t.isEmpty()) {
            throw new InvalidModelException("not VGG16 weights: it has no features.N tensors", file);
        }
        return new Weights(file, t);
    }

    private static Map<String, Tensor> dinoWeights(WeightsLocator weights, String extractor, int kinds)
            throws ConvpaintException {
        return transformerWeights(weights, extractor, kinds, WeightsFile.DINOV2_VITS14_REG, Dinov2StateDict.spec());
    }

    /** The checked tensors of the weights file {@code needed}, located among those {@code spec} matches. */
    private static Map<String, Tensor> transformerWeights(WeightsLocator weights, String extractor, int kinds,
            WeightsFile needed, StateDictSpec spec) throws ConvpaintException {
        Path file = weights.locate(needed, extractor, spec::matches, kinds);
        Map<String, Tensor> t = TorchWeights.read(file, spec.wanted(), spec::expectedShape);
        try {
            // when tensors are missing, all names of the file (read again, without data) say what it holds instead
            spec.validate(t, spec.matches(t.keySet()) ? t.keySet() : WeightsLocator.tensorNames(file));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage(), file);
        }
        return t;
    }
}
