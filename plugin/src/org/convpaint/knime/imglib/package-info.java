/**
 * The KNIP side of the adapters between KNIP's ImgLib2 images and the engine: a KNIP {@code ImgPlus} as the
 * engine's image source (its ImageJ axes mapped to the plain axis list of {@code org.convpaint.imglib}), and the
 * labels collected by {@code org.convpaint.imglib.ImgLib2LabelCollector} wrapped into a KNIP labeling with the
 * image's calibrated axes. The axis order, interval, pixel type and label logic lives in
 * {@code org.convpaint.imglib} (engine bundle), which the default build tests.
 */
package org.convpaint.knime.imglib;
