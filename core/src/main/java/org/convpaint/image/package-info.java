/**
 * The engine's image model: pixel types with numpy's semantics ({@link org.convpaint.image.PixelType}), physical
 * calibration ({@link org.convpaint.image.Calibration}), and the dense [C, Z, H, W] stacks the pipeline computes on.
 */
package org.convpaint.image;
