/**
 * Adapters between ImgLib2 images and the engine, on ImgLib2 core alone: an ImgLib2 image with a plain list of axis
 * roles and calibrations ({@link org.convpaint.imglib.ImageAxis}) as the engine's image source
 * ({@link org.convpaint.imglib.ImgLib2ImageSource}), and the engine's per-timepoint labels and probabilities
 * collected into ImgLib2 images with the input's dimensions ({@link org.convpaint.imglib.ImgLib2LabelCollector}).
 * The KNIME node maps ImageJ axes to this list and the collected labels to a KNIP labeling; nothing here depends on
 * ImageJ, KNIP or KNIME, so the default build tests it.
 */
package org.convpaint.imglib;
