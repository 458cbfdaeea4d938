/**
 * The engine's image model: pixel types with numpy's semantics ({@link org.convpaint.image.PixelType}), physical
 * calibration ({@link org.convpaint.image.Calibration}), image sources read by plane or band of rows, and the dense
 * [C, Z, H, W] stacks the pipeline computes on.
 */
package org.convpaint.image;
