/**
 * napari-tmidas' post-processing of convpaint label maps: {@link org.convpaint.postprocess.BackgroundRemoval}
 * (the background class becomes 0) and {@link org.convpaint.postprocess.InstanceLabeling} (connected components
 * per class, numbered as skimage's {@code measure.label} plus tmidas' offset loop number them).
 */
package org.convpaint.postprocess;
