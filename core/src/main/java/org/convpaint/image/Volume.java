package org.convpaint.image;

import java.util.Arrays;

/**
 * One timepoint of an image as the engine receives it: values in C order over {@code axes}, which are the letters
 * of {@code "CZYX"} that are present, in that order, always ending with {@code YX} (e.g. {@code "YX"},
 * {@code "ZYX"}, {@code "CYX"}, {@code "CZYX"}). Immutable by convention (the array is not copied).
 *
 * @param axes  present axes, a subsequence of {@code CZYX} ending in {@code YX}
 * @param shape sizes in {@code axes} order
 * @param data  values, C order
 */
public record Volume(String axes, int[] shape, PixelData data) {

    public Volume {
        if (!isValidAxes(axes) || shape.length != axes.length()) {
            throw new IllegalArgumentException("axes must be a subsequence of CZYX ending in YX, got '" + axes
                    + "' for shape " + Arrays.toString(shape));
        }
        long n = 1;
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("empty axis in shape " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length()) {
            throw new IllegalArgumentException("data length " + data.length() + " does not match shape "
                    + Arrays.toString(shape));
        }
    }

    /** A 2-D image. */
    public static Volume yx(int h, int w, double[] data, PixelType type) {
        return new Volume("YX", new int[] {h, w}, PixelData.of(data, type));
    }

    /** The pixel type of the values. */
    public PixelType type() {
        return data.type();
    }

    private static boolean isValidAxes(String axes) {
        if (axes == null || !axes.endsWith("YX")) {
            return false;
        }
        int last = -1;
        for (char c : axes.toCharArray()) {
            int i = "CZYX".indexOf(c);
            if (i <= last) {
                return false;
            }
            last = i;
        }
        return true;
    }

    /** Size of an axis, 1 if absent. */
    public int size(char axis) {
        int i = axes.indexOf(axis);
        return i < 0 ? 1 : shape[i];
    }

    public boolean has(char axis) {
        return axes.indexOf(axis) >= 0;
    }
}
