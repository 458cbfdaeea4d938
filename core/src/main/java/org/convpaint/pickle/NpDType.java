package org.convpaint.pickle;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.convpaint.Messages;

/**
 * A numpy dtype as pickled by {@code numpy.dtype.__reduce__}: {@code dtype(code, False, True)} followed by
 * {@code BUILD((version, byteorder, subarray, names, fields, itemsize, alignment, flags, ...))}.
 * Supports scalar kinds b, i, u, f, c, O, V (structured records with named fields), S and U.
 */
public final class NpDType implements PyBuildable {
    /** Largest element size accepted (1 MiB). */
    private static final int MAX_ITEM_SIZE = 1 << 20;

    private final char kind;
    private int itemSize;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** A named field of a structured dtype. */
    public record Field(NpDType type, int offset) {
    }

    private NpDType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Parses a dtype code such as {@code f8}, {@code <i8}, {@code u1}, {@code b1}, {@code O8}, {@code V64}. */
    static NpDType fromCode(Object code) {
        if (!(code instanceof String s) || s.isEmpty() || s.length() > 16) {
            throw PickleRejection.invalid("numpy dtype code is not a short string");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        char first = s.charAt(0);
        if (first == '<' || first == '>' || first == '|' || first == '=') {
            order = first == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            s = s.substring(1);
        }
        if (s.isEmpty() || "biufcOVSU".indexOf(s.charAt(0)) < 0) {
            throw PickleRejection.unsupported("numpy dtype " + Messages.describe(code) + " is not supported");
        }
        int size;
        try {
            size = s.length() == 1 ? 0 : Integer.parseInt(s.substring(1));
        } catch (NumberFormatException e) {
            throw PickleRejection.invalid("numpy dtype code " + Messages.describe(code) + " has no valid size");
        }
        if (size < 0 || size > MAX_ITEM_SIZE) {
            throw PickleRejection.invalid("numpy dtype code " + Messages.describe(code) + " has an implausible size");
        }
        NpDType dtype = new NpDType(s.charAt(0), size);
        dtype.order = order;
        return dtype;
    }

    @Override
    public void build(Object state) {
        if (!(state instanceof Object[] t) || t.length < 8) {
            throw PickleRejection.invalid("numpy dtype state is not a tuple of 8 or more items");
        }
        if ("<".equals(t[1]) || ">".equals(t[1])) {
            order = ">".equals(t[1]) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
        if (t[4] instanceof Map<?, ?> fieldMap && t[3] instanceof Object[] names) {
            for (Object name : names) {
                if (!(name instanceof String) || !(fieldMap.get(name) instanceof Object[] spec) || spec.length < 2
                        || !(spec[0] instanceof NpDType type) || !(spec[1] instanceof Number offset)
                        || offset.longValue() < 0 || offset.longValue() > Integer.MAX_VALUE
                        || !(offset instanceof Integer || offset instanceof Long)) {
                    throw PickleRejection.invalid("numpy structured dtype has a malformed field "
                            + Messages.describe(name));
                }
                fields.put(String.valueOf(name), new Field(type, offset.intValue()));
            }
        }
        if (t[5] instanceof Number n && n.longValue() > 0) {
            if (n.longValue() > MAX_ITEM_SIZE) {
                throw PickleRejection.invalid("numpy dtype has an implausible item size");
            }
            itemSize = n.intValue();
        }
        for (Field f : fields.values()) {
            if (f.offset < 0 || (long) f.offset + f.type.itemSize > itemSize) {
                throw PickleRejection.invalid("numpy structured dtype has a field outside its record");
            }
        }
    }

    /** numpy kind character: b, i, u, f, c, O, V, S or U. */
    public char kind() {
        return kind;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    public ByteOrder order() {
        return order;
    }

    /** Named fields of a structured ({@code V}) dtype, in declaration order; empty otherwise. */
    public Map<String, Field> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** Reads element {@code index} at byte {@code pos} of {@code data} as a double (numeric kinds only). */
    double readDouble(byte[] data, int pos) {
        return switch (kind) {
            case 'f' -> switch (itemSize) {
                case 4 -> Float.intBitsToFloat((int) readBits(data, pos, 4));
                case 8 -> Double.longBitsToDouble(readBits(data, pos, 8));
                case 2 -> halfToFloat((int) readBits(data, pos, 2));
                default -> throw PickleRejection.unsupported("float" + itemSize * 8 + " arrays are not supported");
            };
            case 'u' -> itemSize == 8 ? unsignedToDouble(readBits(data, pos, 8)) : readBits(data, pos, itemSize);
            case 'i' -> readSigned(data, pos);
            case 'b' -> data[pos] != 0 ? 1 : 0;
            default -> throw PickleRejection.unsupported("numpy dtype '" + this + "' is not numeric");
        };
    }

    /** Reads an integer element (kinds i, u, b). */
    long readLong(byte[] data, int pos) {
        return switch (kind) {
            case 'i' -> readSigned(data, pos);
            case 'u' -> readBits(data, pos, itemSize);
            case 'b' -> data[pos] != 0 ? 1 : 0;
            case 'f' -> {
                double d = readDouble(data, pos);
                if (d != Math.rint(d) || Math.abs(d) > 1L << 53) {
                    throw PickleRejection.invalid("expected integral values, found " + d);
                }
                yield (long) d;
            }
            default -> throw PickleRejection.unsupported("numpy dtype '" + this + "' is not an integer type");
        };
    }

    private long readSigned(byte[] data, int pos) {
        long bits = readBits(data, pos, itemSize);
        int shift = 64 - 8 * itemSize;
        return shift == 0 ? bits : (bits << shift) >> shift;
    }

    private long readBits(byte[] data, int pos, int n) {
        if (n < 1 || n > 8) {
            throw PickleRejection.unsupported("numpy element size " + n + " is not supported");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = data[pos + (order == ByteOrder.LITTLE_ENDIAN ? i : n - 1 - i)] & 0xff;
            v |= (long) b << (8 * i);
        }
        return v;
    }

    /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static double unsignedToDouble(long bits) {
        return bits >= 0 ? bits : (double) (bits >>> 1) * 2.0 + (bits & 1);
    }

    @Override
    public String toString() {
        return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + kind + itemSize;
    }
}
