/**
 * Adapters between KNIP's ImgLib2 images and the engine: a KNIP {@code ImgPlus} as the engine's image source (axes
 * from the ImgPlus metadata), and the engine's per-timepoint labels collected into a KNIP labeling with the image's
 * dimensions and calibration.
 */
package org.convpaint.knime.imglib;
