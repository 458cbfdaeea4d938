/**
 * Files: reading input images as {@link org.convpaint.image.ImageSource}s, writing label and probability images
 * atomically through the output-format interface {@link org.convpaint.io.PredictionOutput} (OME-TIFF here,
 * OME-Zarr in {@code org.convpaint.io.ngff}), and the one naming rule of outputs
 * ({@link org.convpaint.io.OutputNames}). The formats themselves live in {@code org.convpaint.io.tiff},
 * {@code org.convpaint.io.zarr} and {@code org.convpaint.io.ngff}.
 */
package org.convpaint.io;
