/**
 * The napari-convpaint prediction pipeline, one stage per class, reproducing convpaint's numerics (including its
 * quirks): {@link org.convpaint.pipeline.InputPreparation} → {@link org.convpaint.pipeline.Normalization} (its
 * statistics from {@code org.convpaint.stats}, which can also compute them spread over machines) →
 * downsampling and padding ({@link org.convpaint.pipeline.PaddedView}, window by window, with
 * {@link org.convpaint.pipeline.Padding}'s amounts) → {@link org.convpaint.pipeline.FeaturePyramid} (with
 * {@link org.convpaint.pipeline.Downsampling}'s block means) → {@link org.convpaint.pipeline.Classification} →
 * {@link org.convpaint.pipeline.ProbabilityRestoration} → {@link org.convpaint.pipeline.LabelAssignment} →
 * {@link org.convpaint.pipeline.MajoritySmoothing}. {@link org.convpaint.pipeline.Segmenter} runs them in order for
 * one timepoint; {@code TiledPrediction} runs the feature pyramid and the classification tile by tile. What stays
 * in the heap and what goes to scratch files is decided by one {@link org.convpaint.pipeline.StoragePolicy}; the
 * stages after classification are written once, on bands of rows, for both.
 */
package org.convpaint.pipeline;
