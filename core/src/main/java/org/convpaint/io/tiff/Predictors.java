package org.convpaint.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Undoes TIFF predictors in place on decoded chunk bytes, row by row, as libtiff does. Predictor 2 (horizontal
 * differencing) adds each sample to the previous sample of the same channel with wrap-around at the sample width,
 * on the raw bits of 8-, 16-, 32- or 64-bit samples in the file's byte order (also for floating-point samples, as
 * libtiff does). Predictor 3 (floating point) undoes byte-wise differencing and the byte shuffle (most significant
 * byte planes first), leaving the samples in the file's byte order. Stateless.
 */
final class Predictors {
    private Predictors() {
    }

    /**
     * Undoes {@code page}'s predictor (none, 2 or 3) on {@code rows} decoded rows of one of its chunks.
     *
     * @param data the rows, {@code rows * page.rowBytes()} bytes from index 0, in the file's byte order
     */
    static void undo(Page page, byte[] data, int rows, ByteOrder order) {
        int stride = page.samplesInChunk();
        int rowSamples = page.chunkWidth * stride;
        if (page.predictor == 2) {
            undoHorizontal(data, rows, rowSamples, stride, page.type.bytes(), order);
        } else if (page.predictor == 3) {
            undoFloatingPoint(data, rows, rowSamples, stride, page.type.bytes(), order);
        }
    }

    /**
     * @param data     decoded chunk, {@code rows * rowSamples * bytes} bytes or more
     * @param rows     rows in the chunk
     * @param rowSamples samples in one row (chunk width times samples per chunk pixel)
     * @param stride   samples per chunk pixel (distance between neighbours of the same channel)
     * @param bytes    bytes per sample
     * @param order    the file's byte order
     */
    static void undoHorizontal(byte[] data, int rows, int rowSamples, int stride, int bytes, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        int rowBytes = rowSamples * bytes;
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            switch (bytes) {
                case 1 -> {
                    for (int i = base + stride; i < base + rowBytes; i++) {
                        data[i] += data[i - stride];
                    }
                }
                case 2 -> {
                    for (int i = stride; i < rowSamples; i++) {
                        int p = base + 2 * i;
                        b.putShort(p, (short) (b.getShort(p) + b.getShort(p - 2 * stride)));
                    }
                }
                case 4 -> {
                    for (int i = stride; i < rowSamples; i++) {
                        int p = base + 4 * i;
                        b.putInt(p, b.getInt(p) + b.getInt(p - 4 * stride));
                    }
                }
                default -> {
                    for (int i = stride; i < rowSamples; i++) {
                        int p = base + 8 * i;
                        b.putLong(p, b.getLong(p) + b.getLong(p - 8 * stride));
                    }
                }
            }
        }
    }

    /** Same parameters as {@link #undoHorizontal}; for 32- and 64-bit floating-point samples. */
    static void undoFloatingPoint(byte[] data, int rows, int rowSamples, int stride, int bytes, ByteOrder order) {
        int rowBytes = rowSamples * bytes;
        byte[] tmp = new byte[rowBytes];
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int i = base + stride; i < base + rowBytes; i++) {
                data[i] += data[i - stride];
            }
            System.arraycopy(data, base, tmp, 0, rowBytes);
            for (int s = 0; s < rowSamples; s++) {
                for (int k = 0; k < bytes; k++) {
                    // byte plane k holds the k-th most significant byte of every sample
                    int dstByte = little ? bytes - 1 - k : k;
                    data[base + s * bytes + dstByte] = tmp[k * rowSamples + s];
                }
            }
        }
    }
}
