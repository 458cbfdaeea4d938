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
        return of(reader, file, axes, shapeOf(reader));
    }

    /**
     * The reader's planes seen in another shape: plane {@code i} in C order over the leading axes of {@code shape}
     * is the reader's plane {@code i} (a numpy reshape of the leading dimensions).
     *
     * @param reader an open reader (ownership passes to the source)
     * @param axes   one letter per dimension of {@code shape}
     * @param shape  leading sizes whose product is the reader's plane count, then its height and width
     */
    public static TiffImageSource of(TiffReader reader, Path file, String axes, int[] shape)
            throws InvalidInputException {
        long planes = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            planes *= shape[i];
        }
        if (shape.length != axes.length() || shape.length < 2 || planes != reader.planeCount()
                || shape[shape.length - 2] != reader.height() || shape[shape.length - 1] != reader.width()) {
            throw new InvalidInputException("axes " + axes + " " + java.util.Arrays.toString(shape)
                    + " do not fit the image's shape " + java.util.Arrays.toString(reader.shape()), file);
        }
        return new TiffImageSource(reader, file, axes, shape.clone());
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
