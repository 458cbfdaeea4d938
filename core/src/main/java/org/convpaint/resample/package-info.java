/**
 * Resampling primitives with the exact evaluation order of the Python libraries napari-convpaint uses: numpy's
 * {@code np.pad(mode='reflect')} index mapping, skimage's {@code block_reduce(np.mean)}, skimage's
 * {@code transform.resize} (scipy {@code ndimage.zoom}, {@code grid_mode=True}, {@code mode='mirror'}, orders 0
 * and 1, with anti-aliasing and clipping), scipy's {@code gaussian_filter}, and torch's
 * {@code interpolate(mode='nearest'|'bilinear', align_corners=False)}.
 *
 * <p>All operate on planes stored row-major in flat arrays and are stateless and thread-safe.
 */
package org.convpaint.resample;
