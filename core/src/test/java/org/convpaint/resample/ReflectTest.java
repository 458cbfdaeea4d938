package org.convpaint.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ReflectTest {

    /** numpy: np.pad([0,1,2,3], (5, 6), mode='reflect'). */
    @Test
    void reflectionRepeatsPeriodicallyWhenThePadExceedsTheArray() {
        int[] expected = {3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1};
        int[] got = new int[expected.length];
        for (int i = 0; i < got.length; i++) {
            got[i] = Reflect.index(i - 5L, 4);
        }
        // the middle 4 are the array itself, indices 5..8 → 0..3
        assertArrayEquals(new int[] {1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3}, got);
    }

    @Test
    void lengthOneAxesAreEdgeReplicated() {
        assertArrayEquals(new int[] {0, 0, 0}, new int[] {Reflect.index(-3, 1), Reflect.index(0, 1),
            Reflect.index(7, 1)});
    }

    @Test
    void padPlaneReflectsWithoutRepeatingTheEdge() {
        double[] src = {1, 2, 3};
        double[] dst = new double[3 + 2 + 2];
        ReflectPad.pad(src, 0, 1, 3, 0, 0, 2, 2, dst, 0);
        assertArrayEquals(new double[] {3, 2, 1, 2, 3, 2, 1}, dst);
    }
}
