package org.convpaint.pipeline;

import java.util.List;
import java.util.concurrent.ExecutorService;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.image.ImageStack;
import org.convpaint.image.Volume;
import org.convpaint.model.ChannelMode;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;

/**
 * convpaint's {@code segment} for one timepoint: all stages of this package in order. The model and feature
 * extractor are given (loaded once per run by the caller). A segmenter is not thread-safe (the extractor is
 * not); the classifier work is spread over {@code pool}.
 */
public final class Segmenter {
    private final ConvpaintModel model;
    private final FeatureExtractor extractor;
    private final ExecutorService pool;

    /**
     * @param model     the model, with the parameters to run (e.g. a caller's image_downsample already applied)
     * @param extractor the model's feature extractor
     * @param pool      executor for classification, or null for the calling thread
     */
    public Segmenter(ConvpaintModel model, FeatureExtractor extractor, ExecutorService pool) {
        this.model = model;
        this.extractor = extractor;
        this.pool = pool;
    }

    public ConvpaintModel model() {
        return model;
    }

    /**
     * @param volume            one timepoint
     * @param withProbabilities also return the class probabilities
     */
    public Segmentation segment(Volume volume, boolean withProbabilities, ProgressMonitor monitor)
            throws ConvpaintException {
        ConvpaintParams p = model.params();
        InputPreparation.Prepared prep = InputPreparation.prepare(volume, p.channelMode());
        ImageStack in = prep.stack();
        monitor.progress(0, "normalize");
        ImageStack normalized = Normalization.of(in, p.normalize(), extractor.normMode(), prep.channelMode())
                .apply(in);
        ImageStack down = Downsampling.apply(normalized, p.imageDownsample());
        List<Integer> scalings = extractor.patchedOutput() ? List.of(1) : p.scalings();
        Padding.Amounts pad = Padding.amounts(extractor.padding(), extractor.patchSize(), scalings, down.height(),
                down.width());
        ImageStack padded = Padding.apply(down, pad);
        monitor.checkCanceled();
        FeatureStack features = FeaturePyramid.extract(padded, extractor, scalings, p.order(), p.useMinFeatures(),
                prep.channelMode(), extractor.patchedOutput(), new SubMonitor(monitor, 0.02, 0.5));
        if (features.features() != model.numFeatures()) {
            throw featureMismatch(features.features(), in.channels(), prep.channelMode());
        }
        Probabilities probs = Classification.classify(features, model.classifier(), pool,
                new SubMonitor(monitor, 0.5, 0.95));
        Probabilities restored = ProbabilityRestoration.restore(probs, padded.height(), padded.width(), pad,
                down.height(), down.width(), in.height(), in.width(), p.unpatchOrder(), p.imageDownsample());
        int[] labels = LabelAssignment.argmax(restored, model.classes());
        labels = MajoritySmoothing.apply(labels, in.depth(), in.height(), in.width(), p.segSmoothening());
        monitor.progress(1, "done");
        return new Segmentation(prep.hasZ() ? "ZYX" : "YX", in.depth(), in.height(), in.width(), labels,
                withProbabilities ? restored : null, prep.warnings());
    }

    private InvalidInputException featureMismatch(int got, int channels, ChannelMode mode) {
        int perChannel = model.params().scalings().size() * extractor.featuresPerSeries();
        String hint;
        if (mode != ChannelMode.RGB && perChannel > 0 && model.numFeatures() % perChannel == 0) {
            int expected = model.numFeatures() / perChannel;
            hint = "the model was trained on " + expected + " channel" + (expected == 1 ? "" : "s")
                    + " but the image has " + channels;
        } else {
            hint = "the image's channels do not fit the model (channel mode " + mode.pythonName() + ")";
        }
        return new InvalidInputException(hint + ": it yields " + got + " features where the classifier expects "
                + model.numFeatures(), null);
    }
}
