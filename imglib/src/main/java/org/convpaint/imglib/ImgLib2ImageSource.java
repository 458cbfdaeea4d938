package org.convpaint.imglib;

import java.util.List;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelType;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
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
 * An ImgLib2 image as the engine's {@link ImageSource}. The role of each dimension comes only from the axis list
 * given with it (one {@link ImageAxis} per dimension, in dimension order): X, Y, Z, T and C in any order; a
 * dimension of another kind is refused. ImgLib2 stores X first, the engine reads Y-rows × X-columns planes, so the
 * source presents the axes in the order T, Z, C, Y, X (those present) and reads each plane through a
 * {@link RandomAccess} at explicit positions: no copy of the image is made, and any {@link RandomAccessibleInterval}
 * works (array and planar images, cell images, views such as {@code Views.permute}, {@code Views.hyperSlice},
 * {@code Views.interval}), at any interval minimum.
 *
 * <p>Supported pixel types: {@link UnsignedByteType}, {@link ByteType}, {@link UnsignedShortType},
 * {@link ShortType}, {@link UnsignedIntType}, {@link IntType}, {@link FloatType}, {@link DoubleType} (exactly these
 * classes); others are refused with a message. Reads are not thread-safe with respect to one another, but each
 * creates its own access.
 */
public final class ImgLib2ImageSource implements ImageSource {
    /** Axes in presentation order. */
    private static final Axis[] ORDER = {Axis.T, Axis.Z, Axis.C, Axis.Y, Axis.X};

    private final RandomAccessibleInterval<? extends RealType<?>> img;
    private final List<ImageAxis> imageAxes;
    private final long[] min;
    /** Input dimension of each axis of {@link Axis#values()}, -1 if absent. */
    private final int[] dimOfAxis;
    private final String axes;
    private final int[] shape;
    /** Input dimensions of the leading (non-YX) axes, in presentation order, and their sizes. */
    private final int[] leadingDims;
    private final int[] leadingSizes;
    private final PixelType pixelType;
    private final Calibration calibration;

    private ImgLib2ImageSource(final RandomAccessibleInterval<? extends RealType<?>> img,
            final List<ImageAxis> imageAxes, final int[] dimOfAxis, final PixelType pixelType) {
        this.img = img;
        this.imageAxes = imageAxes;
        this.min = new long[img.numDimensions()];
        img.min(min);
        this.dimOfAxis = dimOfAxis;
        this.pixelType = pixelType;
        final int n = img.numDimensions();
        this.shape = new int[n];
        this.leadingDims = new int[n - 2];
        this.leadingSizes = new int[n - 2];
        final StringBuilder letters = new StringBuilder();
        int k = 0;
        for (Axis a : ORDER) {
            final int d = dimOfAxis[a.ordinal()];
            if (d < 0) {
                continue;
            }
            letters.append(a.letter());
            shape[k] = (int) img.dimension(d);
            if (k < leadingDims.length) {
                leadingDims[k] = d;
                leadingSizes[k] = shape[k];
            }
            k++;
        }
        this.axes = letters.toString();
        this.calibration = new Calibration(scale(Axis.X), scale(Axis.Y), scale(Axis.Z), scale(Axis.T),
                unit(Axis.X), unit(Axis.T));
    }

    /**
     * @param img  the image (not copied; it must not change while the engine reads it)
     * @param axes one entry per dimension of {@code img}, in dimension order
     * @throws InvalidInputException    if a dimension has no usable role (see {@link ImageAxis#axis()}), the image
     *                                  lacks X or Y, has a role twice, is empty or too large, or has an unsupported
     *                                  pixel type
     * @throws IllegalArgumentException if {@code axes} does not have one entry per dimension
     */
    public static ImgLib2ImageSource of(final RandomAccessibleInterval<? extends RealType<?>> img,
            final List<ImageAxis> axes) throws InvalidInputException {
        final int n = img.numDimensions();
        if (axes.size() != n) {
            throw new IllegalArgumentException(axes.size() + " axes for an image of " + n + " dimensions");
        }
        final List<ImageAxis> list = List.copyOf(axes);
        final int[] dimOfAxis = {-1, -1, -1, -1, -1};
        for (int d = 0; d < n; d++) {
            final ImageAxis axis = list.get(d);
            if (axis.axis() == null) {
                throw new InvalidInputException("the image has a '" + axis.name() + "' axis (dimension " + d
                        + "); only X, Y, Z, Time and Channel axes are supported "
                        + "(fix the axis labels, e.g. with KNIP's Set Image Metadata node)", null);
            }
            final int i = axis.axis().ordinal();
            if (dimOfAxis[i] >= 0) {
                throw new InvalidInputException("the image has two " + axis.axis().label() + " axes (dimensions "
                        + dimOfAxis[i] + " and " + d + ")", null);
            }
            if (img.dimension(d) < 1) {
                throw new InvalidInputException("the image's " + axis.axis().label() + " axis is empty", null);
            }
            if (img.dimension(d) > Integer.MAX_VALUE) {
                throw new InvalidInputException("the image's " + axis.axis().label() + " axis is too long ("
                        + img.dimension(d) + ")", null);
            }
            dimOfAxis[i] = d;
        }
        final int y = dimOfAxis[Axis.Y.ordinal()];
        final int x = dimOfAxis[Axis.X.ordinal()];
        if (x < 0 || y < 0) {
            throw new InvalidInputException("the image needs X and Y axes; its axes are " + names(list), null);
        }
        if (img.dimension(x) * img.dimension(y) > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("an image plane of " + img.dimension(x) + " x " + img.dimension(y)
                    + " pixels is too large", null);
        }
        return new ImgLib2ImageSource(img, list, dimOfAxis, pixelType(img));
    }

    private static String names(final List<ImageAxis> axes) {
        final StringBuilder sb = new StringBuilder();
        for (ImageAxis a : axes) {
            sb.append(sb.length() == 0 ? "" : ", ").append(a.name());
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** The engine's pixel type of ImgLib2 pixels of class {@code c}, null if it has none. */
    static PixelType pixelTypeOf(final Class<?> c) {
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
        return null;
    }

    private static PixelType pixelType(final RandomAccessibleInterval<? extends RealType<?>> img)
            throws InvalidInputException {
        final RandomAccess<? extends RealType<?>> ra = img.randomAccess();
        final long[] at = new long[img.numDimensions()];
        img.min(at);
        ra.setPosition(at);
        final Class<?> c = ra.get().getClass();
        final PixelType type = pixelTypeOf(c);
        if (type == null) {
            throw new InvalidInputException("pixel type " + c.getSimpleName() + " is not supported; convert the "
                    + "image to 8/16/32-bit integers or 32/64-bit floats (e.g. with KNIP's Image Converter)", null);
        }
        return type;
    }

    private double scale(final Axis axis) {
        final int d = dimOfAxis[axis.ordinal()];
        return d < 0 ? Double.NaN : imageAxes.get(d).engineScale();
    }

    private String unit(final Axis axis) {
        final int d = dimOfAxis[axis.ordinal()];
        return d < 0 ? null : imageAxes.get(d).unit();
    }

    /** The wrapped image. */
    public RandomAccessibleInterval<? extends RealType<?>> image() {
        return img;
    }

    /** The axis list given with the image, in dimension order. */
    public List<ImageAxis> imageAxes() {
        return imageAxes;
    }

    /** The image dimension of {@code axis}, or -1 if the image has none. */
    public int dimensionOf(final Axis axis) {
        return dimOfAxis[axis.ordinal()];
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

    /**
     * @throws IllegalArgumentException  if the rows are outside the plane or {@code dst} is too small
     * @throws IndexOutOfBoundsException if plane {@code index} does not exist
     */
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
        final int yDim = dimOfAxis[Axis.Y.ordinal()];
        final int xDim = dimOfAxis[Axis.X.ordinal()];
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
