package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntScratchGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void bandedSmoothingEqualsWholeImageSmoothing(@TempDir Path dir) throws Exception {
        Random rnd = new Random(2);
        for (int trial = 0; trial < 12; trial++) {
            int d = 1 + rnd.nextInt(3);
            int h = 1 + rnd.nextInt(30);
            int w = 1 + rnd.nextInt(30);
            int r = 1 + rnd.nextInt(4);
            int[] labels = new int[d * h * w];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i > 0 && rnd.nextInt(3) > 0 ? labels[i - 1] : 1 + 3 * rnd.nextInt(4);
            }
            int[] whole = MajoritySmoothing.apply(labels, d, h, w, r);
            for (int band : new int[] {1, 5, 64}) {
                try (IntScratchGrid out = IntScratchGrid.create(GridShape.of(d, h, w), dir, "smoothed")) {
                    MajoritySmoothing.apply(IntArrayGrid.of(labels, d, h, w), out, r, band);
                    assertArrayEquals(whole, out.toArray(), "trial " + trial + ", radius " + r + ", band " + band);
                }
            }
        }
    }

    @Test
    void distinctValuesAreSorted() {
        assertArrayEquals(new int[] {-4, 1, 3, 9},
                MajoritySmoothing.distinctSorted(new int[] {3, 3, 9, 1, -4, 9, 1}, 0, 7));
    }
}
