/**
 * The napari-convpaint prediction pipeline, one stage per class, reproducing convpaint's numerics (including its
 * quirks): {@link org.convpaint.pipeline.InputPreparation} → {@link org.convpaint.pipeline.Normalization} →
 * {@link org.convpaint.pipeline.Downsampling} → {@link org.convpaint.pipeline.Padding} →
 * {@link org.convpaint.pipeline.FeaturePyramid} → {@link org.convpaint.pipeline.Classification} →
 * {@link org.convpaint.pipeline.ProbabilityRestoration} → {@link org.convpaint.pipeline.LabelAssignment} →
 * {@link org.convpaint.pipeline.MajoritySmoothing}. {@link org.convpaint.pipeline.Segmenter} runs them in order for
 * one timepoint; {@code TiledPrediction} runs the feature pyramid and the classification tile by tile.
 */
package org.convpaint.pipeline;
