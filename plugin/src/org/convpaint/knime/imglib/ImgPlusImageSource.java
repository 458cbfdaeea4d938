package org.convpaint.knime.imglib;

import java.util.ArrayList;
import java.util.List;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelType;
import org.convpaint.imglib.Axis;
import org.convpaint.imglib.ImageAxis;
import org.convpaint.imglib.ImgLib2ImageSource;

import net.imagej.ImgPlus;
import net.imagej.axis.AxisType;
import net.imagej.axis.Axes;
import net.imagej.axis.CalibratedAxis;
import net.imglib2.type.numeric.RealType;

/**
 * A KNIP image ({@link ImgPlus}) as the engine's {@link ImageSource}: the ImgPlus axes are turned into the
 * adapter's plain axis list (role from the axis type — X, Y, Z, Time, Channel; any other type is refused by its
 * label — and calibration from the axis' scale and unit), and everything else is the engine's
 * {@link ImgLib2ImageSource} over the same image (axis order T, Z, C, Y, X, any interval minimum, no copy; its
 * behaviour is tested by the default build).
 */
public final class ImgPlusImageSource implements ImageSource {
    private static final AxisType[] TYPES = {Axes.X, Axes.Y, Axes.Z, Axes.TIME, Axes.CHANNEL};
    private static final Axis[] ROLES = {Axis.X, Axis.Y, Axis.Z, Axis.T, Axis.C};

    private final ImgPlus<? extends RealType<?>> img;
    private final ImgLib2ImageSource source;

    private ImgPlusImageSource(final ImgPlus<? extends RealType<?>> img, final ImgLib2ImageSource source) {
        this.img = img;
        this.source = source;
    }

    /**
     * @throws InvalidInputException if the image has an axis other than X, Y, Z, Time, Channel, lacks X or Y, has
     *                                an axis twice, is empty or too large, or has an unsupported pixel type
     */
    public static ImgPlusImageSource of(final ImgPlus<? extends RealType<?>> img) throws InvalidInputException {
        return new ImgPlusImageSource(img, ImgLib2ImageSource.of(img, axes(img)));
    }

    /**
     * The ImgPlus axes as plain values, in dimension order: the role of each known axis type (null for others,
     * named by the type's label), and the scale at position 0 with the unit.
     */
    static List<ImageAxis> axes(final ImgPlus<?> img) {
        final List<ImageAxis> axes = new ArrayList<>(img.numDimensions());
        for (int d = 0; d < img.numDimensions(); d++) {
            final CalibratedAxis axis = img.axis(d);
            final AxisType type = axis.type();
            Axis role = null;
            for (int i = 0; i < TYPES.length; i++) {
                if (TYPES[i].equals(type)) {
                    role = ROLES[i];
                }
            }
            final String name = type == null ? "unknown" : type.getLabel();
            axes.add(new ImageAxis(role, name, axis.averageScale(0, 1), axis.unit()));
        }
        return axes;
    }

    /** The wrapped image. */
    public ImgPlus<? extends RealType<?>> image() {
        return img;
    }

    /** The engine's source over the image, which defines the axis roles for collecting the results. */
    public ImgLib2ImageSource adapter() {
        return source;
    }

    @Override
    public String axes() {
        return source.axes();
    }

    @Override
    public int[] shape() {
        return source.shape();
    }

    @Override
    public PixelType pixelType() {
        return source.pixelType();
    }

    @Override
    public Calibration calibration() {
        return source.calibration();
    }

    @Override
    public void readPlane(final int index, final double[] dst) {
        source.readPlane(index, dst);
    }

    @Override
    public void readRows(final int index, final int y0, final int y1, final double[] dst) {
        source.readRows(index, y0, y1, dst);
    }
}
