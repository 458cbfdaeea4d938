package org.convpaint.image;

import org.convpaint.ConvpaintException;

/**
 * An image the engine reads plane by plane: a file being read lazily, or an in-memory image (e.g. a KNIME cell).
 * Planes are the 2-D (Y, X) slices, indexed in C order over the leading axes.
 */
public interface ImageSource {

    /** Axes letters (from T, Z, C, Y, X), one per dimension of {@link #shape()}, ending in YX. */
    String axes();

    /** Dimension sizes in {@link #axes()} order. */
    int[] shape();

    PixelType pixelType();

    /** Physical calibration, {@link Calibration#UNKNOWN} if none. */
    Calibration calibration();

    /**
     * Reads plane {@code index} (C order over the leading axes) into {@code dst} as {@code height × width}
     * row-major values.
     *
     * @throws ConvpaintException if the data cannot be read (e.g. a damaged file)
     */
    void readPlane(int index, double[] dst) throws ConvpaintException;

    /**
     * Reads rows {@code [y0, y1)} of plane {@code index} into {@code dst} as {@code (y1 − y0) × width} row-major
     * values, so that large planes can be read in bands. The default reads the whole plane; sources that can read
     * rows directly should override it.
     *
     * @throws ConvpaintException if the data cannot be read
     */
    default void readRows(int index, int y0, int y1, double[] dst) throws ConvpaintException {
        int[] s = shape();
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        if (y0 == 0 && y1 == h) {
            readPlane(index, dst);
            return;
        }
        double[] plane = new double[h * w];
        readPlane(index, plane);
        System.arraycopy(plane, y0 * w, dst, 0, (y1 - y0) * w);
    }
}
