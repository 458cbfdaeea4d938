package org.convpaint.image;

/**
 * Pixel values in C order, stored compactly: as {@code float} when every value of the pixel type is exactly a
 * float (8- and 16-bit integers, float32), else as {@code double}. Reading gives the exact original values.
 * Immutable by convention (arrays are not copied).
 */
public final class PixelData {
    private final PixelType type;
    private final float[] floats;
    private final double[] doubles;

    private PixelData(PixelType type, float[] floats, double[] doubles) {
        this.type = type;
        this.floats = floats;
        this.doubles = doubles;
    }

    /** Whether values of {@code t} are stored as floats. */
    public static boolean storesAsFloat(PixelType t) {
        return t.bits() <= 16 || t == PixelType.FLOAT32;
    }

    /** Wraps {@code values} (converted to float storage when exact). */
    public static PixelData of(double[] values, PixelType type) {
        if (!storesAsFloat(type)) {
            return new PixelData(type, null, values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return new PixelData(type, f, null);
    }

    /** An empty buffer of {@code n} values to be filled with {@link #set}. */
    public static PixelData allocate(int n, PixelType type) {
        return storesAsFloat(type) ? new PixelData(type, new float[n], null) : new PixelData(type, null, new double[n]);
    }

    public PixelType type() {
        return type;
    }

    public int length() {
        return floats != null ? floats.length : doubles.length;
    }

    public double get(int i) {
        return floats != null ? floats[i] : doubles[i];
    }

    /** Stores {@code len} values of {@code src} from {@code srcOff} at position {@code at}. */
    public void set(int at, double[] src, int srcOff, int len) {
        if (floats != null) {
            for (int i = 0; i < len; i++) {
                floats[at + i] = (float) src[srcOff + i];
            }
        } else {
            System.arraycopy(src, srcOff, doubles, at, len);
        }
    }

    /** Copies {@code len} values from position {@code from} into {@code dst}. */
    public void copy(int from, double[] dst, int off, int len) {
        if (floats != null) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = floats[from + i];
            }
        } else {
            System.arraycopy(doubles, from, dst, off, len);
        }
    }
}
