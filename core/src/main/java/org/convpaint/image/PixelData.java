package org.convpaint.image;

/**
 * Pixel values in C order, stored compactly in the pixel type's own width: 8-bit integers as {@code byte}, 16-bit
 * integers as {@code short}, float32 as {@code float}, everything else as {@code double}. Reading gives the exact
 * original values as doubles. Immutable by convention (arrays are not copied).
 */
public final class PixelData {
    private final PixelType type;
    private final int length;
    private final byte[] bytes;
    private final short[] shorts;
    private final float[] floats;
    private final double[] doubles;

    private PixelData(PixelType type, int n) {
        this.type = type;
        this.length = n;
        this.bytes = type.bits() == 8 ? new byte[n] : null;
        this.shorts = type.bits() == 16 ? new short[n] : null;
        this.floats = type == PixelType.FLOAT32 ? new float[n] : null;
        this.doubles = bytes == null && shorts == null && floats == null ? new double[n] : null;
    }

    /** Copies {@code values} into storage of {@code type} (values must be of that type). */
    public static PixelData of(double[] values, PixelType type) {
        PixelData d = new PixelData(type, values.length);
        d.set(0, values, 0, values.length);
        return d;
    }

    /** An empty buffer of {@code n} values to be filled with {@link #set}. */
    public static PixelData allocate(int n, PixelType type) {
        return new PixelData(type, n);
    }

    public PixelType type() {
        return type;
    }

    /** Bytes of storage. */
    public long bytes() {
        int width = bytes != null ? 1 : shorts != null ? 2 : floats != null ? 4 : 8;
        return (long) width * length;
    }

    public int length() {
        return length;
    }

    public double get(int i) {
        if (bytes != null) {
            return type.isSigned() ? bytes[i] : bytes[i] & 0xff;
        } else if (shorts != null) {
            return type.isSigned() ? shorts[i] : shorts[i] & 0xffff;
        }
        return floats != null ? floats[i] : doubles[i];
    }

    /** Stores {@code len} values of {@code src} from {@code srcOff} at position {@code at}. */
    public void set(int at, double[] src, int srcOff, int len) {
        if (bytes != null) {
            for (int i = 0; i < len; i++) {
                bytes[at + i] = (byte) (int) src[srcOff + i];
            }
        } else if (shorts != null) {
            for (int i = 0; i < len; i++) {
                shorts[at + i] = (short) (int) src[srcOff + i];
            }
        } else if (floats != null) {
            for (int i = 0; i < len; i++) {
                floats[at + i] = (float) src[srcOff + i];
            }
        } else {
            System.arraycopy(src, srcOff, doubles, at, len);
        }
    }

    /** Copies {@code len} values from position {@code from} into {@code dst}. */
    public void copy(int from, double[] dst, int off, int len) {
        boolean signed = type.isSigned();
        if (bytes != null) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = signed ? bytes[from + i] : bytes[from + i] & 0xff;
            }
        } else if (shorts != null) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = signed ? shorts[from + i] : shorts[from + i] & 0xffff;
            }
        } else if (floats != null) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = floats[from + i];
            }
        } else {
            System.arraycopy(doubles, from, dst, off, len);
        }
    }
}
