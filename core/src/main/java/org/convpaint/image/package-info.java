/**
 * The engine's image model: pixel types with numpy's semantics ({@link org.convpaint.image.PixelType}), physical
 * calibration ({@link org.convpaint.image.Calibration}), the dense [C, Z, H, W] stacks the pipeline computes on,
 * label volumes in the heap or in scratch files ({@link org.convpaint.image.LabelVolume}) and the scope that owns a
 * timepoint's scratch files ({@link org.convpaint.image.ScratchScope}).
 */
package org.convpaint.image;
