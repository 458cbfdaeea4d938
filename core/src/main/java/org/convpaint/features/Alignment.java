package org.convpaint.features;

import java.util.List;

/**
 * Alignment arithmetic of feature grids: an extractor's input must be a multiple of its patch size, a combo's of
 * the least common multiple of its parts' patch sizes, and the pipeline pads to {@code lcm(scalings) · patch}.
 * Stateless.
 */
public final class Alignment {
    private Alignment() {
    }

    /** Least common multiple of positive integers (1 for none). */
    public static int lcm(List<Integer> values) {
        int l = 1;
        for (int v : values) {
            l = l / gcd(l, v) * v;
        }
        return l;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
