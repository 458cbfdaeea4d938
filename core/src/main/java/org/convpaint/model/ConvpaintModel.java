package org.convpaint.model;

import java.nio.file.Path;
import java.util.List;

import org.convpaint.classify.PixelClassifier;

/**
 * A loaded napari-convpaint model: parameters, trained classifier and feature count. Owns the classifier;
 * {@link #close()} the model when done. Immutable otherwise; safe to share
 * between threads for prediction.
 */
public final class ConvpaintModel implements AutoCloseable {
    private final Path source;
    private final ConvpaintParams params;
    private final PixelClassifier classifier;
    private final int numFeatures;
    private final List<String> notes;

    public ConvpaintModel(Path source, ConvpaintParams params, PixelClassifier classifier, int numFeatures,
            List<String> notes) {
        this.source = source;
        this.params = params;
        this.classifier = classifier;
        this.numFeatures = numFeatures;
        this.notes = List.copyOf(notes);
    }

    /** The file the model was read from (may be null for models built in memory). */
    public Path source() {
        return source;
    }

    public ConvpaintParams params() {
        return params;
    }

    public PixelClassifier classifier() {
        return classifier;
    }

    /** Number of features per pixel the classifier expects ({@code num_features}). */
    public int numFeatures() {
        return numFeatures;
    }

    /** Class values (labels) in probability order. */
    public int[] classes() {
        return classifier.classes();
    }

    /** Things the loader changed or assumed while reading an older or incomplete file, one sentence each. */
    public List<String> notes() {
        return notes;
    }

    /** The same model with other parameters (e.g. another {@code image_downsample}); shares the classifier. */
    public ConvpaintModel withParams(ConvpaintParams newParams) {
        return new ConvpaintModel(source, newParams, classifier, numFeatures, notes);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
