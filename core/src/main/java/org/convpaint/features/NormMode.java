package org.convpaint.features;

/** The normalisation a feature extractor asks for ({@code FeatureExtractor.norm_mode} in convpaint). */
public enum NormMode {
    /** z-score per channel (over the stack or per plane, by the model's {@code normalize}). */
    DEFAULT,
    /** ImageNet mean/std on [0, 1] data, applied only to images in {@code rgb} channel mode. */
    IMAGENET
}
