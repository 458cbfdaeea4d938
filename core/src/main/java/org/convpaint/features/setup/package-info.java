/**
 * Building the feature extractor a model needs ({@link org.convpaint.features.setup.FeatureExtractors}): choosing
 * the extractor from the model's parameters, locating and checking its pretrained weights, placing it on a device.
 * Sits above {@code org.convpaint.features} and {@code org.convpaint.features.dino}, which know nothing of it.
 */
package org.convpaint.features.setup;
