/**
 * napari-tmidas' post-processing of convpaint label maps: {@link org.convpaint.postprocess.BackgroundRemoval}
 * (the background class becomes 0) and {@link org.convpaint.postprocess.InstanceLabeling} (connected components
 * per class, numbered as skimage's {@code measure.label} plus tmidas' offset loop number them). The same instance
 * labels can be computed a band of rows at a time, e.g. on many machines:
 * {@link org.convpaint.postprocess.BandComponents} per band, {@link org.convpaint.postprocess.InstanceNumbering}
 * joining them, then {@link org.convpaint.postprocess.InstanceNumbering#relabel} per band.
 */
package org.convpaint.postprocess;
