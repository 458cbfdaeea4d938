/**
 * Feature extractors behind one interface, {@link org.convpaint.features.FeatureExtractor}: what napari-convpaint's
 * {@code extract_features_from_stack} computes for one channel series, plus the properties the pipeline needs
 * (padding, patch size, input channels, normalisation, how features are resized).
 * {@link org.convpaint.features.GaussianFeatures} is pure Java; the neural extractors run on DJL/PyTorch.
 */
package org.convpaint.features;
