package org.convpaint.image;

/**
 * Pixel values in C order, stored compactly in the pixel type's own width: 8-bit integers as {@code byte}, 16-bit
 * integers as {@code short}, float32 and float16 as {@code float} (every half is exactly a float), everything else
 * as {@code double}; or left where they are
 * (e.g. in the file being read) and fetched on demand ({@link #onDemand}). Reading gives the exact original values
 * as doubles. Immutable by convention (arrays are not copied); reading is thread-safe.
 */
public final class PixelData {
    private final PixelType type;
    private final int length;
    private final byte[] bytes;
    private final short[] shorts;
    private final float[] floats;
    private final double[] doubles;
    private final OnDemand onDemand;

    /** Values fetched when read. Implementations are thread-safe. */
    public interface OnDemand {
        /**
         * Copies {@code len} values from position {@code from} into {@code dst}.
         *
         * @throws ReadFailure if the values cannot be read
         */
        void copy(int from, double[] dst, int off, int len);

        /** Bytes held in memory at most (e.g. a cache). */
        long residentBytes();
    }

    /** Values on demand could not be read; carries the reason. */
    public static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient org.convpaint.ConvpaintException failure;

        public ReadFailure(org.convpaint.ConvpaintException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        public org.convpaint.ConvpaintException failure() {
            return failure;
        }
    }

    private PixelData(PixelType type, int n) {
        this.type = type;
        this.length = n;
        this.bytes = type.bits() == 8 ? new byte[n] : null;
        this.shorts = type.bits() == 16 && type.isInteger() ? new short[n] : null;
        this.floats = storedAsFloat(type) ? new float[n] : null;
        this.doubles = bytes == null && shorts == null && floats == null ? new double[n] : null;
        this.onDemand = null;
    }

    private PixelData(PixelType type, int n, OnDemand source) {
        this.type = type;
        this.length = n;
        this.bytes = null;
        this.shorts = null;
        this.floats = null;
        this.doubles = null;
        this.onDemand = source;
    }

    /** {@code n} values of {@code type} read from {@code source} when needed; {@link #set} is not supported. */
    public static PixelData onDemand(int n, PixelType type, OnDemand source) {
        return new PixelData(type, n, source);
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

    /** Bytes of storage in memory. */
    public long bytes() {
        if (onDemand != null) {
            return onDemand.residentBytes();
        }
        return (long) storageBytes(type) * length;
    }

    /** Bytes one value of {@code type} takes in memory here: 1, 2, 4 (float32, float16) or 8 (stored as double). */
    public static int storageBytes(PixelType type) {
        if (storedAsFloat(type)) {
            return 4;
        }
        return type.bits() == 8 ? 1 : type.bits() == 16 ? 2 : 8;
    }

    private static boolean storedAsFloat(PixelType type) {
        return type == PixelType.FLOAT32 || type == PixelType.FLOAT16;
    }

    public int length() {
        return length;
    }

    public double get(int i) {
        if (onDemand != null) {
            double[] one = new double[1];
            onDemand.copy(i, one, 0, 1);
            return one[0];
        }
        if (bytes != null) {
            return type.isSigned() ? bytes[i] : bytes[i] & 0xff;
        } else if (shorts != null) {
            return type.isSigned() ? shorts[i] : shorts[i] & 0xffff;
        }
        return floats != null ? floats[i] : doubles[i];
    }

    /** Stores {@code len} values of {@code src} from {@code srcOff} at position {@code at}. */
    public void set(int at, double[] src, int srcOff, int len) {
        if (onDemand != null) {
            throw new UnsupportedOperationException("values on demand are read-only");
        }
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
        if (onDemand != null) {
            onDemand.copy(from, dst, off, len);
            return;
        }
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
