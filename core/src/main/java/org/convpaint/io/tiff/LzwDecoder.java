package org.convpaint.io.tiff;

/**
 * Decodes TIFF LZW (compression 5): MSB-first codes of 9 to 12 bits, 256 = clear, 257 = end of information, and
 * the code width growing one code early (at 511, 1023 and 2047) as libtiff writes it. The old-style LSB-first
 * variant of libtiff before 5.0 is not supported. Stateless; each call allocates its own tables.
 */
final class LzwDecoder {
    private static final int CLEAR = 256;
    private static final int EOI = 257;
    private static final int MAX_CODES = 4096;

    private LzwDecoder() {
    }

    /**
     * Decodes {@code src} into {@code dst} until {@code dst} is full or the data end.
     *
     * @return the number of bytes written, or -1 if the data are not valid LZW
     */
    static int decode(byte[] src, byte[] dst) {
        if (src.length >= 2 && src[0] == 0 && (src[1] & 1) == 1) {
            return -1; // old-style (LSB-first) LZW
        }
        int[] prefix = new int[MAX_CODES];
        byte[] suffix = new byte[MAX_CODES];
        byte[] first = new byte[MAX_CODES];
        int[] length = new int[MAX_CODES];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
        long bitPos = 0;
        long totalBits = (long) src.length * 8;
        int width = 9;
        int next = 258;
        int old = -1;
        int out = 0;
        while (out < dst.length && bitPos + width <= totalBits) {
            int code = readBits(src, bitPos, width);
            bitPos += width;
            if (code == EOI) {
                break;
            }
            if (code == CLEAR) {
                width = 9;
                next = 258;
                old = -1;
                continue;
            }
            if (old < 0) {
                if (code > 255) {
                    return -1;
                }
                dst[out++] = (byte) code;
                old = code;
                continue;
            }
            int emit;
            if (code < next) {
                emit = code;
                if (next < MAX_CODES) {
                    add(prefix, suffix, first, length, next++, old, first[code]);
                }
            } else if (code == next && next < MAX_CODES) {
                add(prefix, suffix, first, length, next++, old, first[old]);
                emit = code;
            } else {
                return -1;
            }
            out = write(prefix, suffix, length, emit, dst, out);
            old = code;
            if (next >= (1 << width) - 1 && width < 12) {
                width++;
            }
        }
        return out;
    }

    private static void add(int[] prefix, byte[] suffix, byte[] first, int[] length, int code, int pre, byte b) {
        prefix[code] = pre;
        suffix[code] = b;
        first[code] = first[pre];
        length[code] = length[pre] + 1;
    }

    /** Writes the string of {@code code} at {@code out} (truncated at the end of {@code dst}). */
    private static int write(int[] prefix, byte[] suffix, int[] length, int code, byte[] dst, int out) {
        int len = length[code];
        int c = code;
        for (int i = len - 1; i >= 0; i--) {
            if (out + i < dst.length) {
                dst[out + i] = suffix[c];
            }
            c = prefix[c];
        }
        return Math.min(dst.length, out + len);
    }

    private static int readBits(byte[] src, long bitPos, int width) {
        int byteIndex = (int) (bitPos >>> 3);
        int v = (src[byteIndex] & 0xff) << 16;
        if (byteIndex + 1 < src.length) {
            v |= (src[byteIndex + 1] & 0xff) << 8;
        }
        if (byteIndex + 2 < src.length) {
            v |= src[byteIndex + 2] & 0xff;
        }
        int shift = 24 - (int) (bitPos & 7) - width;
        return (v >>> shift) & ((1 << width) - 1);
    }
}
