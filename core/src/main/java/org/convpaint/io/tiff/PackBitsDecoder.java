package org.convpaint.io.tiff;

/** Decodes PackBits run-length data (compression 32773). Stateless. */
final class PackBitsDecoder {
    private PackBitsDecoder() {
    }

    /**
     * Decodes {@code src} into {@code dst} until {@code dst} is full or the data end.
     *
     * @return the number of bytes written, or -1 if a literal run is cut off by the end of the data
     */
    static int decode(byte[] src, byte[] dst) {
        int in = 0;
        int out = 0;
        while (in < src.length && out < dst.length) {
            int n = src[in++];
            if (n >= 0) {
                int len = n + 1;
                if (in + len > src.length) {
                    return -1;
                }
                int copy = Math.min(len, dst.length - out);
                System.arraycopy(src, in, dst, out, copy);
                in += len;
                out += copy;
            } else if (n != -128) {
                if (in >= src.length) {
                    return -1;
                }
                byte b = src[in++];
                int end = Math.min(dst.length, out + 1 - n);
                while (out < end) {
                    dst[out++] = b;
                }
            }
        }
        return out;
    }
}
