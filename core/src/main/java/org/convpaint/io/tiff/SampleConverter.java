package org.convpaint.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.convpaint.image.PixelType;
import org.convpaint.numpy.Half;

/**
 * Converts stored samples to exact {@code double} values: unsigned types as unsigned, float16 and float32 widened
 * exactly (halves by {@link Half#toDouble}).
 * Stateless.
 */
final class SampleConverter {
    private SampleConverter() {
    }

    /**
     * Copies {@code count} samples, taking every {@code step}-th sample starting at sample index {@code first}
     * of {@code data}, to {@code dst[dstPos ...]}.
     */
    static void toDouble(PixelType type, byte[] data, ByteOrder order, int first, int step, int count,
            double[] dst, int dstPos) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        int s = first;
        int end = dstPos + count;
        switch (type) {
            case UINT8 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = data[s] & 0xff;
                }
            }
            case INT8 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = data[s];
                }
            }
            case UINT16 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = b.getShort(2 * s) & 0xffff;
                }
            }
            case INT16 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = b.getShort(2 * s);
                }
            }
            case UINT32 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = b.getInt(4 * s) & 0xffffffffL;
                }
            }
            case INT32 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = b.getInt(4 * s);
                }
            }
            case FLOAT16 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = Half.toDouble(b.getShort(2 * s));
                }
            }
            case FLOAT32 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = b.getFloat(4 * s);
                }
            }
            case FLOAT64 -> {
                for (int i = dstPos; i < end; i++, s += step) {
                    dst[i] = b.getDouble(8 * s);
                }
            }
            default -> throw new IllegalArgumentException("unsupported pixel type " + type);
        }
    }
}
