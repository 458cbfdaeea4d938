package org.convpaint.io.tiff;

import org.convpaint.image.Calibration;

/**
 * What a metadata block says about the sequence of pages: the page axes (slowest first, letters from T, Z, C, I,
 * size-1 axes included), which IFD holds each position of that sequence, and the calibration. Samples of a page
 * and the Y/X axes are not part of it.
 *
 * @param source      "OME-XML", "ImageJ" or "tifffile", for messages
 * @param axes        page axes, slowest first
 * @param sizes       size of each page axis
 * @param ifds        raw IFD index (position in the IFD chain) of each sequence position, or null for "the
 *                    full-resolution pages in file order"
 * @param calibration calibration the metadata states, or null to use the resolution tags
 * @param named       true if the axis letters come from the metadata (false for a bare shape or image count)
 * @param samplesAxis true if samples per pixel form an axis of unknown meaning ({@code I}) rather than channels:
 *                    a bare tifffile shape with planar samples of a grey page ({@code [2, 3, H, W]}), which is the
 *                    array {@code tifffile.imread} returns, with the samples where napari-tmidas sees an ordinary
 *                    axis
 */
record SeriesMetadata(String source, String axes, long[] sizes, int[] ifds, Calibration calibration,
        boolean named, boolean samplesAxis) {

    SeriesMetadata(String source, String axes, long[] sizes, int[] ifds, Calibration calibration, boolean named) {
        this(source, axes, sizes, ifds, calibration, named, false);
    }

    /** Number of pages the sequence needs (product of sizes). */
    long pageCount() {
        long n = 1;
        for (long s : sizes) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }
}
