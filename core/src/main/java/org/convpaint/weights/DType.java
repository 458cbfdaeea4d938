package org.convpaint.weights;

import java.nio.ByteBuffer;

/**
 * Element types of torch storages, named after the legacy typed storage classes that {@code torch.save} writes
 * ({@code torch.FloatStorage} …). Knows each type's size and how to convert its elements to float32.
 */
enum DType {
    FLOAT32("FloatStorage", "float32", 4),
    FLOAT64("DoubleStorage", "float64", 8),
    FLOAT16("HalfStorage", "float16", 2),
    BFLOAT16("BFloat16Storage", "bfloat16", 2),
    INT64("LongStorage", "int64", 8),
    INT32("IntStorage", "int32", 4),
    INT16("ShortStorage", "int16", 2),
    INT8("CharStorage", "int8", 1),
    UINT8("ByteStorage", "uint8", 1),
    BOOL("BoolStorage", "bool", 1),
    COMPLEX64("ComplexFloatStorage", "complex64", 8),
    COMPLEX128("ComplexDoubleStorage", "complex128", 16),
    QINT8("QInt8Storage", "qint8", 1),
    QUINT8("QUInt8Storage", "quint8", 1),
    QINT32("QInt32Storage", "qint32", 4),
    QUINT4X2("QUInt4x2Storage", "quint4x2", 1),
    QUINT2X4("QUInt2x4Storage", "quint2x4", 1);

    private final String storageClass;
    private final String torchName;
    private final int size;

    DType(String storageClass, String torchName, int size) {
        this.storageClass = storageClass;
        this.torchName = torchName;
        this.size = size;
    }

    /** Simple name of the torch storage class, e.g. {@code FloatStorage}. */
    String storageClass() {
        return storageClass;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** Whether {@link #decode} can convert this type to float32 (real numbers only; no complex, no quantized). */
    boolean convertible() {
        return ordinal() <= BOOL.ordinal();
    }

    /**
     * Converts {@code n} elements from {@code src} (read from its position, in its byte order) into
     * {@code dst[off..off+n)}. Requires {@link #convertible()} and {@code n * size()} remaining bytes.
     */
    void decode(ByteBuffer src, float[] dst, int off, int n) {
        switch (this) {
            case FLOAT32 -> {
                src.asFloatBuffer().get(dst, off, n);
                src.position(src.position() + 4 * n);
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (float) src.getDouble();
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = halfToFloat(src.getShort());
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = Float.intBitsToFloat((src.getShort() & 0xffff) << 16);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getLong();
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getInt();
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.getShort();
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get();
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get() & 0xff;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = src.get() != 0 ? 1f : 0f;
                }
            }
            default -> throw new IllegalStateException(torchName + " cannot be converted to float32");
        }
    }

    /** IEEE 754 binary16 to binary32, exact (subnormals, infinities and NaN payloads included). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float m = mant * 0x1p-24f;
            return sign == 0 ? m : -m;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return torchName;
    }
}
