package org.convpaint.knime.imglib;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelType;

import net.imagej.ImgPlus;
import net.imagej.axis.AxisType;
import net.imagej.axis.Axes;
import net.imagej.axis.CalibratedAxis;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A KNIP image ({@link ImgPlus}) as the engine's {@link ImageSource}. The role of each dimension comes only from the
 * ImgPlus axis types (X, Y, Z, Time, Channel); any other axis type is refused. ImgLib2 stores X first, the engine
 * reads Y-rows × X-columns planes, so the source presents the axes in the order T, Z, C, Y, X (those present) and
 * reads each plane through a {@link RandomAccess} at explicit positions: no copy of the image is made. Works for any
 * interval minimum. Reads are not thread-safe with respect to one another but each creates its own access.
 */
public final class ImgPlusImageSource implements ImageSource {
    /** Engine letters in presentation order, and the ImgPlus axis type of each. */
    private static final char[] LETTERS = {'T', 'Z', 'C', 'Y', 'X'};
    private static final AxisType[] TYPES = {Axes.TIME, Axes.Z, Axes.CHANNEL, Axes.Y, Axes.X};

    private final ImgPlus<? extends RealType<?>> img;
    private final long[] min;
    /** Input dimension of each of {@link #LETTERS}, -1 if absent. */
    private final int[] dimOfLetter;
    private final String axes;
    private final int[] shape;
    /** Input dimensions of the leading (non-YX) axes, in presentation order, and their sizes. */
    private final int[] leadingDims;
    private final int[] leadingSizes;
    private final PixelType pixelType;
    private final Calibration calibration;

    private ImgPlusImageSource(final ImgPlus<? extends RealType<?>> img, final int[] dimOfLetter,
            final PixelType pixelType) {
        this.img = img;
        this.min = new long[img.numDimensions()];
        img.min(min);
        this.dimOfLetter = dimOfLetter;
        this.pixelType = pixelType;
        final StringBuilder letters = new StringBuilder();
        int present = 0;
        for (int d : dimOfLetter) {
            present += d >= 0 ? 1 : 0;
        }
        this.shape = new int[present];
        this.leadingDims = new int[present - 2];
        this.leadingSizes = new int[present - 2];
        int k = 0;
        for (int i = 0; i < LETTERS.length; i++) {
            final int d = dimOfLetter[i];
            if (d < 0) {
                continue;
            }
            letters.append(LETTERS[i]);
            shape[k] = (int) img.dimension(d);
            if (k < leadingDims.length) {
                leadingDims[k] = d;
                leadingSizes[k] = shape[k];
            }
            k++;
        }
        this.axes = letters.toString();
        this.calibration = readCalibration();
    }

    /**
     * @throws InvalidInputException if the image has an axis other than X, Y, Z, Time, Channel, lacks X or Y, has
     *                                an axis twice, is too large, or has an unsupported pixel type
     */
    public static ImgPlusImageSource of(final ImgPlus<? extends RealType<?>> img) throws InvalidInputException {
        final int n = img.numDimensions();
        final int[] dimOfLetter = {-1, -1, -1, -1, -1};
        for (int d = 0; d < n; d++) {
            final AxisType type = img.axis(d).type();
            final int i = indexOf(type);
            if (i < 0) {
                throw new InvalidInputException("the image has a '" + (type == null ? "unknown" : type.getLabel())
                        + "' axis (dimension " + d + "); only X, Y, Z, Time and Channel axes are supported "
                        + "(fix the axis labels, e.g. with KNIP's Set Image Metadata node)", null);
            }
            if (dimOfLetter[i] >= 0) {
                throw new InvalidInputException("the image has two " + TYPES[i].getLabel() + " axes (dimensions "
                        + dimOfLetter[i] + " and " + d + ")", null);
            }
            if (img.dimension(d) > Integer.MAX_VALUE) {
                throw new InvalidInputException("the image's " + TYPES[i].getLabel() + " axis is too long ("
                        + img.dimension(d) + ")", null);
            }
            dimOfLetter[i] = d;
        }
        final int y = dimOfLetter[3];
        final int x = dimOfLetter[4];
        if (x < 0 || y < 0) {
            throw new InvalidInputException("the image needs X and Y axes; its axes are " + axisLabels(img), null);
        }
        if (img.dimension(x) * img.dimension(y) > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("an image plane of " + img.dimension(x) + " x " + img.dimension(y)
                    + " pixels is too large", null);
        }
        return new ImgPlusImageSource(img, dimOfLetter, pixelType(img));
    }

    private static int indexOf(final AxisType type) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static String axisLabels(final ImgPlus<?> img) {
        final StringBuilder sb = new StringBuilder();
        for (int d = 0; d < img.numDimensions(); d++) {
            sb.append(d == 0 ? "" : ", ").append(img.axis(d).type().getLabel());
        }
        return sb.toString();
    }

    private static PixelType pixelType(final ImgPlus<? extends RealType<?>> img) throws InvalidInputException {
        final Class<?> c = img.firstElement().getClass();
        if (c == UnsignedByteType.class) {
            return PixelType.UINT8;
        } else if (c == ByteType.class) {
            return PixelType.INT8;
        } else if (c == UnsignedShortType.class) {
            return PixelType.UINT16;
        } else if (c == ShortType.class) {
            return PixelType.INT16;
        } else if (c == UnsignedIntType.class) {
            return PixelType.UINT32;
        } else if (c == IntType.class) {
            return PixelType.INT32;
        } else if (c == FloatType.class) {
            return PixelType.FLOAT32;
        } else if (c == DoubleType.class) {
            return PixelType.FLOAT64;
        }
        throw new InvalidInputException("pixel type " + c.getSimpleName() + " is not supported; convert the image "
                + "to 8/16/32-bit integers or 32/64-bit floats (e.g. with KNIP's Image Converter)", null);
    }

    private Calibration readCalibration() {
        return new Calibration(scale(dimOfLetter[4]), scale(dimOfLetter[3]), scale(dimOfLetter[1]),
                scale(dimOfLetter[0]), unit(dimOfLetter[4]), unit(dimOfLetter[0]));
    }

    /** Pixel size along dimension d; NaN if absent or uncalibrated (ImgLib2's default: scale 1 without unit). */
    private double scale(final int d) {
        if (d < 0) {
            return Double.NaN;
        }
        final CalibratedAxis axis = img.axis(d);
        final double s = axis.averageScale(0, 1);
        return unit(d) == null && s == 1.0 ? Double.NaN : s;
    }

    private String unit(final int d) {
        if (d < 0) {
            return null;
        }
        final String u = img.axis(d).unit();
        return u == null || u.isBlank() ? null : u;
    }

    /** The wrapped image. */
    public ImgPlus<? extends RealType<?>> image() {
        return img;
    }

    /** Input dimension of engine axis {@code letter} (T, Z, C, Y or X), or -1 if the image has none. */
    public int dimensionOf(final char letter) {
        for (int i = 0; i < LETTERS.length; i++) {
            if (LETTERS[i] == letter) {
                return dimOfLetter[i];
            }
        }
        throw new IllegalArgumentException("unknown axis letter " + letter);
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
        return pixelType;
    }

    @Override
    public Calibration calibration() {
        return calibration;
    }

    @Override
    public void readPlane(final int index, final double[] dst) {
        readRows(index, 0, shape[shape.length - 2], dst);
    }

    @Override
    public void readRows(final int index, final int y0, final int y1, final double[] dst) {
        final int height = shape[shape.length - 2];
        final int width = shape[shape.length - 1];
        if (y0 < 0 || y1 > height || y0 > y1) {
            throw new IllegalArgumentException("rows [" + y0 + ", " + y1 + ") outside [0, " + height + ")");
        }
        if (dst.length < (y1 - y0) * width) {
            throw new IllegalArgumentException("destination holds " + dst.length + " values, " + (y1 - y0)
                    + " rows have " + (y1 - y0) * width);
        }
        final long[] pos = min.clone();
        int rest = index;
        for (int i = leadingDims.length - 1; i >= 0; i--) {
            pos[leadingDims[i]] += rest % leadingSizes[i];
            rest /= leadingSizes[i];
        }
        if (index < 0 || rest != 0) {
            throw new IndexOutOfBoundsException("plane " + index + " does not exist");
        }
        final int yDim = dimOfLetter[3];
        final int xDim = dimOfLetter[4];
        final RandomAccess<? extends RealType<?>> ra = img.randomAccess();
        ra.setPosition(pos);
        for (int y = y0; y < y1; y++) {
            ra.setPosition(min[yDim] + y, yDim);
            ra.setPosition(min[xDim], xDim);
            final int row = (y - y0) * width;
            for (int x = 0; x < width; x++) {
                dst[row + x] = ra.get().getRealDouble();
                if (x + 1 < width) {
                    ra.fwd(xDim);
                }
            }
        }
    }
}
