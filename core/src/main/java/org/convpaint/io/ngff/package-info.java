/**
 * OME-NGFF images on Zarr (NGFF 0.4 on Zarr v2, 0.5 on Zarr v3, older 0.1–0.3 multiscales read as well): the
 * {@code multiscales} metadata ({@link org.convpaint.io.ngff.Multiscales}), a level of an image as an
 * {@link org.convpaint.image.ImageSource} ({@link org.convpaint.io.ngff.OmeZarrSource}) and label images written
 * chunk by chunk as NGFF ({@link org.convpaint.io.ngff.OmeZarrPredictionWriter}). Array storage itself lives in
 * {@code org.convpaint.io.zarr}. NGFF axis names {@code t c z y x} map to the letters {@code T C Z Y X}.
 */
package org.convpaint.io.ngff;
