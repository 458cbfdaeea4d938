package org.convpaint.imglib;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known about one dimension of an ImgLib2 image: its role, its name and its calibration, as plain values
 * (an adapter fills them from its own metadata, e.g. an ImageJ {@code CalibratedAxis}). Immutable.
 *
 * @param axis  the role; null for a dimension the engine cannot use (e.g. an ImageJ "Lifetime" axis), which
 *              {@link ImgLib2ImageSource#of} refuses by {@code name}
 * @param name  the dimension's name for messages (e.g. {@code Time}, {@code Lifetime}); never null
 * @param scale physical size of one step (pixel size, Z spacing, time interval); NaN if unknown
 * @param unit  unit of {@code scale} as the metadata spells it (e.g. {@code µm}, {@code s}); null if unknown
 */
public record ImageAxis(Axis axis, String name, double scale, String unit) {

    public ImageAxis {
        if (name == null) {
            throw new IllegalArgumentException("an axis needs a name");
        }
        unit = unit == null || unit.isBlank() ? null : unit;
    }

    /** An uncalibrated axis of role {@code axis}. */
    public static ImageAxis of(Axis axis) {
        return new ImageAxis(axis, axis.label(), Double.NaN, null);
    }

    /** An axis of role {@code axis} with one step of {@code scale} {@code unit} (unit may be null). */
    public static ImageAxis calibrated(Axis axis, double scale, String unit) {
        return new ImageAxis(axis, axis.label(), scale, unit);
    }

    /** A dimension the engine cannot use, named {@code name}. */
    public static ImageAxis unsupported(String name) {
        return new ImageAxis(null, name, Double.NaN, null);
    }

    /**
     * Uncalibrated axes from engine letters in ImgLib2 dimension order, e.g. {@code "XYZT"} for an image whose
     * dimension 0 is X.
     *
     * @throws IllegalArgumentException for a letter other than X, Y, Z, T, C
     */
    public static List<ImageAxis> ofLetters(String letters) {
        List<ImageAxis> axes = new ArrayList<>(letters.length());
        for (int i = 0; i < letters.length(); i++) {
            axes.add(of(Axis.ofLetter(letters.charAt(i))));
        }
        return List.copyOf(axes);
    }

    /**
     * The pixel size the engine uses: NaN when unknown, and also for ImgLib2's default of scale 1 without a unit
     * (an uncalibrated ImageJ axis), so that such images are written without a calibration.
     */
    public double engineScale() {
        return unit == null && scale == 1.0 ? Double.NaN : scale;
    }
}
