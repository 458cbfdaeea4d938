package org.convpaint.io.tiff;

/**
 * libjpeg's YCbCr to RGB conversion ({@code jdcolor.c}, identical in IJG libjpeg 6b and libjpeg-turbo): JFIF
 * full-range coefficients as 16-bit fixed-point tables, rounding by adding one half before the arithmetic shift,
 * results clamped to 0..255. Stateless; the tables are immutable after class initialisation.
 */
final class YccToRgb {
    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private YccToRgb() {
    }

    private static int fix(double v) {
        return (int) (v * (1L << SCALEBITS) + 0.5);
    }

    /** Converts {@code pixels} interleaved Y, Cb, Cr byte triples at the start of {@code data} to R, G, B. */
    static void convert(byte[] data, int pixels) {
        for (int p = 0; p < pixels; p++) {
            int i = 3 * p;
            int y = data[i] & 0xff;
            int cb = data[i + 1] & 0xff;
            int cr = data[i + 2] & 0xff;
            data[i] = clamp(y + CR_R[cr]);
            data[i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
            data[i + 2] = clamp(y + CB_B[cb]);
        }
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }
}
