package org.convpaint.io.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;
import org.convpaint.numpy.Half;

/**
 * An element type as stored: a {@link PixelType} and its byte order, with the v2 ({@code <u2}) and v3
 * ({@code uint16}) spellings, and the conversions between stored bytes and doubles. Immutable.
 *
 * @param type  the element type
 * @param order byte order of the stored elements (irrelevant for 1-byte types)
 */
record DType(PixelType type, ByteOrder order) {
    /** The v2 dtypes read, for messages. */
    static final String V2_SUPPORTED = "|u1 |i1 <u2 >u2 <i2 >i2 <u4 >u4 <i4 >i4 <f2 >f2 <f4 >f4 <f8 >f8";
    /** The v3 data types read, for messages. */
    static final String V3_SUPPORTED = "uint8 int8 uint16 int16 uint32 int32 float16 float32 float64";

    /** Bytes per element. */
    int size() {
        return type.bytes();
    }

    /**
     * The v2 dtype {@code s} ({@code |u1}, {@code <u2}, {@code >f4}, ...).
     *
     * @throws InvalidInputException naming {@code file} for any other dtype
     */
    static DType ofV2(String s, Path file) throws InvalidInputException {
        if (s.length() == 3 && "<>|".indexOf(s.charAt(0)) >= 0) {
            PixelType t = ofCode(s.substring(1));
            if (t != null && (s.charAt(0) == '|') == (t.bytes() == 1)) {
                return new DType(t, s.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            }
            if (t != null && t.bytes() == 1) { // numpy also accepts <u1 and >u1
                return new DType(t, ByteOrder.LITTLE_ENDIAN);
            }
        }
        throw new InvalidInputException("dtype " + V2Metadata.abbreviate(s) + " is not supported (supported: "
                + V2_SUPPORTED + ")", file);
    }

    /**
     * The v3 data type {@code name} ({@code uint8} ... {@code float64}).
     *
     * @throws InvalidInputException naming {@code file} for any other type
     */
    static PixelType ofV3(String name, Path file) throws InvalidInputException {
        for (PixelType t : PixelType.values()) {
            if (t.numpyName().equals(name)) {
                return t;
            }
        }
        throw new InvalidInputException("data_type " + V2Metadata.abbreviate(name) + " is not supported "
                + "(supported: " + V3_SUPPORTED + ")", file);
    }

    private static PixelType ofCode(String code) {
        switch (code) {
            case "u1": return PixelType.UINT8;
            case "i1": return PixelType.INT8;
            case "u2": return PixelType.UINT16;
            case "i2": return PixelType.INT16;
            case "u4": return PixelType.UINT32;
            case "i4": return PixelType.INT32;
            case "f2": return PixelType.FLOAT16;
            case "f4": return PixelType.FLOAT32;
            case "f8": return PixelType.FLOAT64;
            default: return null;
        }
    }

    /** The v2 spelling, e.g. {@code <u2}, {@code |u1}. */
    String v2Name() {
        char kind = type.isFloating() ? 'f' : type.isSigned() ? 'i' : 'u';
        char endian = size() == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + endian + kind + size();
    }

    /** The v3 spelling, e.g. {@code uint16}. */
    String v3Name() {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Converts {@code count} elements of {@code src} (element indices {@code elem}, {@code elem + step}, ...) to
     * doubles at {@code dst[pos..pos+count)}.
     */
    void toDoubles(ByteBuffer src, int elem, int step, double[] dst, int pos, int count) {
        int n = size();
        int b = elem * n;
        int bs = step * n;
        switch (type) {
            case UINT8 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.get(b) & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.get(b);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.getShort(b) & 0xffff;
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.getShort(b);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.getInt(b) & 0xffffffffL;
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.getInt(b);
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = Half.toDouble(src.getShort(b));
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.getFloat(b);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++, b += bs) {
                    dst[pos + i] = src.getDouble(b);
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    /**
     * Stores {@code src[pos..pos+count)} as consecutive elements of {@code dst} from element {@code elem}:
     * integers rounded to the nearest (ties to even) and clamped to the type's range (NaN as 0), floats rounded to
     * the type (float16 ties to even, as numpy).
     */
    void fromDoubles(double[] src, int pos, ByteBuffer dst, int elem, int count) {
        int n = size();
        int b = elem * n;
        for (int i = 0; i < count; i++, b += n) {
            double v = src[pos + i];
            switch (type) {
                case UINT8, INT8 -> dst.put(b, (byte) integer(v));
                case UINT16, INT16 -> dst.putShort(b, (short) integer(v));
                case UINT32, INT32 -> dst.putInt(b, (int) integer(v));
                case FLOAT16 -> dst.putShort(b, (short) halfBits(v));
                case FLOAT32 -> dst.putFloat(b, (float) v);
                case FLOAT64 -> dst.putDouble(b, v);
                default -> throw new IllegalStateException(type.toString());
            }
        }
    }

    /**
     * Stores {@code count} ints of {@code src} from {@code pos} at element {@code elem}: their bits in 32-bit
     * integer types, else converted as {@link #fromDoubles} converts them.
     */
    void fromInts(int[] src, int pos, ByteBuffer dst, int elem, int count) {
        int n = size();
        int b = elem * n;
        if (type == PixelType.UINT32 || type == PixelType.INT32) {
            for (int i = 0; i < count; i++, b += n) {
                dst.putInt(b, src[pos + i]);
            }
            return;
        }
        double[] one = new double[1];
        for (int i = 0; i < count; i++) {
            one[0] = src[pos + i];
            fromDoubles(one, 0, dst, elem + i, 1);
        }
    }

    /** {@code v} rounded and clamped to the integer type, as a long (its low bits are stored). */
    private long integer(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return (long) Math.max(type.minValue(), Math.min(type.maxValue(), Math.rint(v)));
    }

    /** {@code v} as the value the type stores: rounded (and clamped) as {@link #fromDoubles} stores it. */
    double stored(double v) {
        if (type.isInteger()) {
            return integer(v);
        }
        return switch (type) {
            case FLOAT16 -> Half.round(v);
            case FLOAT32 -> (float) v;
            default -> v;
        };
    }

    /** The IEEE half bits of {@code v} rounded to a half (ties to even). */
    static int halfBits(double v) {
        double r = Half.round(v);
        int sign = (Double.doubleToRawLongBits(r) < 0) ? 0x8000 : 0;
        if (Double.isNaN(r)) {
            return 0x7e00;
        }
        double a = Math.abs(r);
        if (Double.isInfinite(a)) {
            return sign | 0x7c00;
        }
        if (a == 0) {
            return sign;
        }
        int e = Math.getExponent(a);
        if (e < -14) {
            return sign | (int) (a / 0x1p-24);
        }
        return sign | ((e + 15) << 10) | ((int) Math.scalb(a, 10 - e) - 1024);
    }
}
