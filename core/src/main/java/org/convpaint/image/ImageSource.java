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
}
