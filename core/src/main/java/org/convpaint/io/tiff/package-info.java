/**
 * A self-contained TIFF codec (the JDK, plus zstd-jni and org.tukaani:xz for zstd and LZMA strips):
 * {@link org.convpaint.io.tiff.TiffReader} reads classic TIFF and BigTIFF images (compressed with LZW, Deflate,
 * PackBits, zstd, LZMA or 8-bit JPEG) with their series metadata (OME-XML, ImageJ hyperstack, tifffile JSON)
 * as 2-D planes of {@code double}; {@link org.convpaint.io.tiff.TiffWriter} writes OME-TIFF files plane by
 * plane, as tifffile and napari-tmidas write them.
 *
 * <p>Layering: the public reader and writer sit on package-private format classes (IFD parsing and writing,
 * compression codecs, predictors, metadata parsers). Nothing here computes on images.
 *
 * <p>Axes are named with the letters {@code T} (time), {@code Z} (depth), {@code C} (channel), {@code I}
 * (unknown leading axis), {@code Y} and {@code X}, always in C order: the last letter varies fastest and every
 * axes string ends with {@code YX}.
 */
package org.convpaint.io.tiff;
