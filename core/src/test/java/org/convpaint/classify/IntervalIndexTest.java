package org.convpaint.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IntervalIndexTest {

    /** The interval by definition: the first threshold with x <= t, else their count (NaN compares false). */
    private static int linear(float[] t, float x) {
        for (int i = 0; i < t.length; i++) {
            if (x <= t[i]) {
                return i;
            }
        }
        return t.length;
    }

    private static float[] sortedDistinct(float[] v) {
        float[] s = v.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (m == 0 || s[i] != s[m - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    private static void assertAgrees(float[] t, float[] xs) {
        IntervalIndex index = new IntervalIndex(t);
        for (float x : xs) {
            assertEquals(linear(t, x), index.of(x), () -> "x = " + x + " (bits " + Float.floatToRawIntBits(x) + ")");
        }
    }

    /** Every threshold, its float neighbours, the special values and both zeros. */
    private static float[] probes(float[] t, Random rnd, int random, float lo, float hi) {
        float[] xs = new float[3 * t.length + 8 + random];
        int n = 0;
        for (float v : t) {
            xs[n++] = v;
            xs[n++] = Math.nextDown(v);
            xs[n++] = Math.nextUp(v);
        }
        for (float v : new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0xffc00000), 0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE}) {
            xs[n++] = v;
        }
        for (int i = 0; i < random; i++) {
            xs[n++] = lo + (hi - lo) * rnd.nextFloat();
        }
        return xs;
    }

    @Test
    void findsTheIntervalOfEveryValueAsTheDefinitionDoes() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + rnd.nextInt(trial < 20 ? 20 : 3000);
            float[] raw = new float[m];
            double scale = Math.pow(10, rnd.nextInt(9) - 4);
            for (int i = 0; i < m; i++) {
                raw[i] = (float) ((trial % 2 == 0 ? rnd.nextDouble() : rnd.nextGaussian()) * scale);
            }
            float[] t = sortedDistinct(raw);
            assertAgrees(t, probes(t, rnd, 20_000, (float) (-2 * scale), (float) (2 * scale)));
        }
    }

    @Test
    void zerosInfinitiesAndWideRangesOfThresholds() {
        Random rnd = new Random(3);
        float[][] cases = {
            {0f}, {-0f}, {-0f, 1f}, {-1f, -0f}, {-1f, 0f, 1f}, {Float.NEGATIVE_INFINITY, 0.5f},
            {-Float.MAX_VALUE, Float.MAX_VALUE}, {Float.MIN_VALUE}, {-Float.MIN_VALUE, Float.MIN_VALUE},
            {1e-30f, 1e-10f, 1f, 1e10f, 1e30f}, {-1e30f, -1e-30f, 1e-30f, 1e30f},
        };
        for (float[] t : cases) {
            assertAgrees(t, probes(t, rnd, 5_000, -3f, 3f));
        }
    }

    @Test
    void noThresholdsMeansOneInterval() {
        IntervalIndex index = new IntervalIndex(new float[0]);
        assertEquals(0, index.of(1f));
        assertEquals(0, index.of(Float.NaN));
    }
}
