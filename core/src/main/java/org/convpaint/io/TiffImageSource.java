package org.convpaint.io;

import java.nio.file.Path;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;

/**
 * A TIFF file as an {@link ImageSource}, with the axes decided by the caller (metadata, heuristic or override).
 * Reads planes lazily. Not thread-safe; {@link #close()} releases the file.
 */
public final class TiffImageSource implements ImageSource, AutoCloseable {
    private final TiffReader reader;
    private final Path file;
    private final String axes;
    private final int[] shape;

    private TiffImageSource(TiffReader reader, Path file, String axes, int[] shape) {
        this.reader = reader;
        this.file = file;
        this.axes = axes;
        this.shape = shape;
    }

    /**
     * @param reader an open reader (ownership passes to the source)
     * @param axes   axes for the reader's shape (same number of dimensions)
     */
    public static TiffImageSource of(TiffReader reader, Path file, String axes) throws InvalidInputException {
        long[] s = reader.shape();
        if (s.length != axes.length()) {
            throw new InvalidInputException("axes " + axes + " do not fit the image's " + s.length
                    + " dimensions", file);
        }
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return new TiffImageSource(reader, file, axes, shape);
    }

    /** The shape as stored (for axis decisions before a source exists). */
    public static int[] shapeOf(TiffReader reader) {
        long[] s = reader.shape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }

    public Path file() {
        return file;
    }

    @Override
    public String axes() {
        return axes;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public PixelType pixelType() {
        return reader.pixelType();
    }

    @Override
    public Calibration calibration() {
        return reader.calibration();
    }

    @Override
    public void readPlane(int index, double[] dst) throws ConvpaintException {
        reader.readPlane(index, dst);
    }

    /** Decodes only the strips or tiles holding these rows. */
    @Override
    public void readRows(int index, int y0, int y1, double[] dst) throws ConvpaintException {
        reader.readRows(index, y0, y1, dst);
    }

    @Override
    public void close() {
        reader.close();
    }
}
