package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MajoritySmoothingTest {

    @Test
    void diskOfRadiusOneIsAFivePixelCross() {
        assertEquals(5, MajoritySmoothing.disk(1).length);
        assertEquals(13, MajoritySmoothing.disk(2).length);
    }

    @Test
    void isolatedPixelTakesTheSurroundingLabel() {
        int[] labels = {
            1, 1, 1, 1, 1,
            1, 1, 1, 1, 1,
            1, 1, 3, 1, 1,
            1, 1, 1, 1, 1,
            1, 1, 1, 1, 1};
        int[] out = MajoritySmoothing.apply(labels, 1, 5, 5, 2);
        assertArrayEquals(new int[25], java.util.Arrays.stream(out).map(v -> v - 1).toArray());
    }

    /** skimage's majority breaks ties towards the smallest label. */
    @Test
    void tiesGoToTheSmallestLabel() {
        int[] labels = {7, 2, 7, 2};
        int[] out = MajoritySmoothing.apply(labels, 1, 1, 4, 2);
        // pixel 0 sees {7,2,7} → 7; pixel 1 sees {7,2,7,2} → tie → 2; pixel 3 sees {2,7,2} → 2
        assertArrayEquals(new int[] {7, 2, 2, 2}, out);
    }

    @Test
    void planesAreSmoothedIndependently() {
        int[] labels = {5, 5, 5, 9, 9, 9};
        assertArrayEquals(labels, MajoritySmoothing.apply(labels, 2, 1, 3, 2));
    }
}
