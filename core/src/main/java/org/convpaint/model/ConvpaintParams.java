package org.convpaint.model;

import java.util.List;
import java.util.Objects;

/**
 * The settings of a napari-convpaint model ({@code napari_convpaint.param.Param}), all 19 fields, with values
 * resolved for inference: legacy fields are mapped and missing values replaced as documented on each component.
 * Immutable.
 *
 * @param classifier       {@code 'CatBoost'} / {@code 'RandomForest'} as recorded by convpaint, or null; informational
 * @param channelMode      how the first axis of a 3-D input is read
 * @param normalize        1 = none, 2 = z-score per channel over the whole stack, other = per channel and plane
 * @param imageDownsample  k &gt; 1 block-mean downscale, k &lt; −1 pixel-repeat upscale, −1/0/1 none
 * @param segSmoothening   radius of the majority filter on the label map; ≤ 1 = none
 * @param tileAnnotations  training only
 * @param tileImage        convpaint's tiled prediction flag (our tiling gives identical labels either way)
 * @param useDask          unused at inference
 * @param unpatchOrder     spline order used to bring patch-grid probabilities to pixels (DINO only)
 * @param featureExtractor canonical {@code fe_name}, e.g. {@code vgg16} or {@code gaussian_features}
 * @param layers           selected layers as module paths {@code features.N} (empty for extractors without layers)
 * @param scalings         image pyramid factors, in model order
 * @param order            interpolation order restoring pyramid features (0 nearest, ≥ 1 bilinear)
 * @param useMinFeatures   convpaint's {@code fe_use_min_features} quirk
 * @param feUseGpu         deprecated, informational; may be null
 * @param clfIterations    training only; may be null
 * @param clfLearningRate  training only; may be null
 * @param clfDepth         training only; may be null
 * @param clfUseGpu        deprecated, informational; may be null
 */
public record ConvpaintParams(
        String classifier,
        ChannelMode channelMode,
        int normalize,
        int imageDownsample,
        int segSmoothening,
        boolean tileAnnotations,
        boolean tileImage,
        boolean useDask,
        int unpatchOrder,
        String featureExtractor,
        List<String> layers,
        List<Integer> scalings,
        int order,
        boolean useMinFeatures,
        Boolean feUseGpu,
        Integer clfIterations,
        Double clfLearningRate,
        Integer clfDepth,
        Boolean clfUseGpu) {

    public ConvpaintParams {
        Objects.requireNonNull(channelMode, "channelMode");
        Objects.requireNonNull(featureExtractor, "featureExtractor");
        layers = List.copyOf(layers);
        scalings = List.copyOf(scalings);
        if (scalings.isEmpty() || scalings.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("scalings must be positive integers, got " + scalings);
        }
    }

    /** {@code ConvpaintModel.get_default_params()}: the defaults of a freshly created convpaint model. */
    public static ConvpaintParams defaults() {
        return new ConvpaintParams(null, ChannelMode.SINGLE, 2, 1, 1, true, false, false, 1,
                ExtractorCatalog.VGG16, List.of("features.0"), List.of(1, 2, 4), 0, false, null, 100, 0.1, 5, null);
    }

    /** The same parameters with another {@code image_downsample} (as tmidas's option sets it). */
    public ConvpaintParams withImageDownsample(int k) {
        return new ConvpaintParams(classifier, channelMode, normalize, k, segSmoothening, tileAnnotations,
                tileImage, useDask, unpatchOrder, featureExtractor, layers, scalings, order, useMinFeatures, feUseGpu,
                clfIterations, clfLearningRate, clfDepth, clfUseGpu);
    }

    /** The same parameters with other scalings (e.g. those an extractor enforces). */
    public ConvpaintParams withScalings(List<Integer> newScalings) {
        return new ConvpaintParams(classifier, channelMode, normalize, imageDownsample, segSmoothening,
                tileAnnotations, tileImage, useDask, unpatchOrder, featureExtractor, layers, newScalings, order,
                useMinFeatures, feUseGpu, clfIterations, clfLearningRate, clfDepth, clfUseGpu);
    }

    /** The same parameters with another channel mode. */
    public ConvpaintParams withChannelMode(ChannelMode mode) {
        return new ConvpaintParams(classifier, mode, normalize, imageDownsample, segSmoothening, tileAnnotations,
                tileImage, useDask, unpatchOrder, featureExtractor, layers, scalings, order, useMinFeatures, feUseGpu,
                clfIterations, clfLearningRate, clfDepth, clfUseGpu);
    }

    /** Weights files the feature extractor needs (empty for the Gaussian extractor). */
    public List<WeightsFile> weightsFiles() {
        return ExtractorCatalog.weightsFor(featureExtractor);
    }
}
