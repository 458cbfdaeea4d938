package org.convpaint.features.dino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.convpaint.testing.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Anti-aliased bicubic resizing against torch 1.13's {@code F.interpolate(..., mode='bicubic', antialias=True)}
 * (vectors made by {@code src/test/resources/dino/make_aa_bicubic_vectors.py}): must be bit-identical.
 */
class AntialiasedBicubicTest {
    private static final Path DIR = Path.of("src/test/resources/dino");

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @CsvSource({"grid37,5,6", "grid37,4,4", "grid37,22,19", "grid37,37,20", "grid37,45,52", "grid37,74,74",
        "grid37,1,3", "grid9x13,20,5"})
    void matchesTorchBitForBit(String name, int outH, int outW) throws Exception {
        Npy in = Npy.read(DIR.resolve("aa_in_" + name + ".npy"));
        Npy expected = Npy.read(DIR.resolve("aa_out_" + name + "_" + outH + "x" + outW + ".npy"));
        int c = in.shape[0];
        int h = in.shape[1];
        int w = in.shape[2];
        float[] src = toFloats(in.data);
        float[] exp = toFloats(expected.data);

        float[] first = AntialiasedBicubic.resizeChannelsFirst(src, c, h, w, outH, outW);
        assertArrayEquals(exp, first, "channels-first");

        float[] last = AntialiasedBicubic.resizeChannelsLast(toChannelsLast(src, c, h, w), h, w, c, outH, outW);
        assertArrayEquals(toChannelsLast(exp, c, outH, outW), last, "channels-last");
    }

    /** The kernel is Keys' a = -0.5 (PIL), not torch's plain-bicubic a = -0.75. */
    @Test
    void kernelIsKeysWithAMinusHalf() {
        assertEquals(1f, AntialiasedBicubic.kernel(0f));
        assertEquals(0f, Math.abs(AntialiasedBicubic.kernel(1f)));
        assertEquals(0f, Math.abs(AntialiasedBicubic.kernel(2f)));
        assertEquals(0f, AntialiasedBicubic.kernel(-2.5f));
        // a = -0.5: K(0.5) = 0.5625, K(1.5) = -0.0625 (a = -0.75 would give 0.59375 and -0.09375)
        assertEquals(0.5625f, AntialiasedBicubic.kernel(0.5f));
        assertEquals(0.5625f, AntialiasedBicubic.kernel(-0.5f));
        assertEquals(-0.0625f, AntialiasedBicubic.kernel(1.5f));
    }

    /**
     * Downsampling widens the kernel (support 2 * 37/4 = 18.5; the first window, centred at 4.625, is truncated
     * at the border to 0..22); upsampling uses 4 taps.
     */
    @Test
    void windowWidthFollowsScale() {
        AntialiasedBicubic.Taps down = AntialiasedBicubic.Taps.of(37, 4);
        AntialiasedBicubic.Taps up = AntialiasedBicubic.Taps.of(37, 74);
        assertEquals(23, down.weights[0].length);
        assertEquals(0, down.start[0]);
        assertEquals(32, down.weights[1].length);
        assertEquals(4, up.weights[10].length);
        float sum = 0;
        for (float x : down.weights[1]) {
            sum += x;
        }
        assertEquals(1f, sum, 1e-6f);
    }

    @Test
    void sameSizeIsACopy() {
        float[] src = {1, 2, 3, 4, 5, 6};
        float[] out = AntialiasedBicubic.resizeChannelsFirst(src, 1, 2, 3, 2, 3);
        assertArrayEquals(src, out);
        out[0] = 9;
        assertNotEquals(9f, src[0]);
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> AntialiasedBicubic.resizeChannelsFirst(new float[5], 1, 2, 3, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> AntialiasedBicubic.resizeChannelsLast(new float[6], 2, 3, 1, 0, 2));
    }

    static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static float[] toChannelsLast(float[] chw, int c, int h, int w) {
        float[] out = new float[chw.length];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h * w; i++) {
                out[i * c + k] = chw[k * h * w + i];
            }
        }
        return out;
    }
}
