package org.convpaint.io.ngff;

import org.convpaint.ConvpaintException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelType;
import org.convpaint.io.zarr.ZarrArray;

/**
 * A Zarr array as an {@link ImageSource}: plane {@code i} is the (Y, X) slice at the C-order index {@code i} over
 * the leading dimensions; rows are read from the chunks that hold them. Thread-safe as the array is.
 */
final class OmeZarrSource implements ImageSource {
    private final ZarrArray array;
    private final String axes;
    private final int[] shape;
    private final Calibration calibration;

    OmeZarrSource(ZarrArray array, String axes, int[] shape, Calibration calibration) {
        this.array = array;
        this.axes = axes;
        this.shape = shape.clone();
        this.calibration = calibration;
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
        return array.dataType();
    }

    @Override
    public Calibration calibration() {
        return calibration;
    }

    @Override
    public void readPlane(int index, double[] dst) throws ConvpaintException {
        readRows(index, 0, shape[shape.length - 2], dst);
    }

    @Override
    public void readRows(int index, int y0, int y1, double[] dst) throws ConvpaintException {
        int rank = shape.length;
        long[] offset = new long[rank];
        int[] size = new int[rank];
        int rest = index;
        for (int i = rank - 3; i >= 0; i--) {
            offset[i] = rest % shape[i];
            rest /= shape[i];
            size[i] = 1;
        }
        if (rest != 0 || y0 < 0 || y1 > shape[rank - 2] || y0 >= y1) {
            throw new IndexOutOfBoundsException("plane " + index + " rows " + y0 + ".." + y1);
        }
        offset[rank - 2] = y0;
        size[rank - 2] = y1 - y0;
        size[rank - 1] = shape[rank - 1];
        array.read(offset, size, dst);
    }
}
