package org.convpaint.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TorchInterpolateTest {

    /** ATen's nearest source index: floor(i · (in / out)) in float, at most in − 1. */
    private static int source(int i, int in, int out) {
        float scale = (float) in / out;
        return Math.min((int) Math.floor(i * scale), in - 1);
    }

    @Test
    void nearestTakesEachOutputPixelFromItsSourcePixel() {
        Random rnd = new Random(2);
        int[][] sizes = {{72, 72, 288, 288}, {36, 40, 144, 160}, {5, 7, 13, 9}, {9, 13, 5, 7}, {1, 1, 4, 3},
            {10, 10, 10, 10}, {17, 23, 51, 69}};
        for (int[] s : sizes) {
            int h = s[0];
            int w = s[1];
            int oh = s[2];
            int ow = s[3];
            int planes = 3;
            float[] src = new float[planes * h * w];
            for (int i = 0; i < src.length; i++) {
                src[i] = rnd.nextFloat();
            }
            int offset = 5;
            float[] expected = new float[offset + planes * oh * ow];
            for (int p = 0; p < planes; p++) {
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        expected[offset + (p * oh + y) * ow + x] = src[(p * h + source(y, h, oh)) * w
                                + source(x, w, ow)];
                    }
                }
            }
            float[] got = new float[offset + planes * oh * ow];
            TorchInterpolate.nearest(src, planes, h, w, oh, ow, got, offset);
            assertArrayEquals(expected, got, h + "x" + w + " -> " + oh + "x" + ow);
        }
    }
}
