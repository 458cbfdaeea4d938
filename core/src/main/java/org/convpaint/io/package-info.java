/**
 * Files: reading input images as {@link org.convpaint.image.ImageSource}s, writing label and probability images
 * atomically. The TIFF format itself lives in {@code org.convpaint.io.tiff}.
 */
package org.convpaint.io;
