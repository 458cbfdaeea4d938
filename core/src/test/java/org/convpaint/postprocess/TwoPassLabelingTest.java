package org.convpaint.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.Random;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;
import org.convpaint.grid.IntScratchGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The banded two-pass labelling numbers components exactly as an independent union-find labelling. */
class TwoPassLabelingTest {
    @TempDir
    Path scratch;

    @Test
    void bandedLabelsEqualUnionFindLabelsIn2d() throws Exception {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int h = 1 + rnd.nextInt(40);
            int w = 1 + rnd.nextInt(40);
            int[] sem = blobs(rnd, h * w, 1 + rnd.nextInt(4), rnd.nextDouble());
            for (int band : new int[] {1, 2, 3, 7, 64}) {
                assertArrayEquals(UnionFindLabels.of(sem, 1, h, w), banded(sem, 1, h, w, band, false),
                        "trial " + trial + ", " + h + "x" + w + ", bands of " + band);
            }
        }
    }

    @Test
    void bandedLabelsEqualUnionFindLabelsIn3dOnDisk() throws Exception {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 10; trial++) {
            int d = 1 + rnd.nextInt(6);
            int h = 1 + rnd.nextInt(20);
            int w = 1 + rnd.nextInt(20);
            int[] sem = blobs(rnd, d * h * w, 1 + rnd.nextInt(3), rnd.nextDouble());
            for (int band : new int[] {1, 4, 32}) {
                assertArrayEquals(UnionFindLabels.of(sem, d, h, w), banded(sem, d, h, w, band, true),
                        "trial " + trial + ", " + d + "x" + h + "x" + w + ", bands of " + band);
            }
        }
    }

    /**
     * A U whose arms meet only at the bottom get two provisional labels that merge later; class 7's components
     * follow class 4's, in raster order.
     */
    @Test
    void armsJoinedBelowAreOneComponentNumberedByTheirFirstPixel() throws Exception {
        int[] sem = {
            0, 4, 0, 4, 0, 7,
            0, 4, 0, 4, 0, 0,
            7, 4, 4, 4, 0, 0};
        int[] expected = {
            0, 1, 0, 1, 0, 2,
            0, 1, 0, 1, 0, 0,
            3, 1, 1, 1, 0, 0};
        assertArrayEquals(InstanceLabeling.label(sem, 1, 3, 6), expected);
        assertArrayEquals(expected, banded(sem, 1, 3, 6, 1, false));
    }

    private int[] banded(int[] sem, int d, int h, int w, int band, boolean onDisk) throws Exception {
        GridShape shape = GridShape.of(d, h, w);
        try (IntGrid out = onDisk ? IntScratchGrid.create(shape, scratch, "instances") : IntArrayGrid.zeros(shape)) {
            TwoPassLabeling.label(IntArrayGrid.of(sem, d, h, w), out, band);
            return out.toArray().clone();
        }
    }

    /** Random classes with spatial runs: each pixel repeats the previous one with probability {@code keep}. */
    private static int[] blobs(Random rnd, int n, int classes, double keep) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i > 0 && rnd.nextDouble() < keep ? a[i - 1] : rnd.nextInt(classes + 1);
        }
        return a;
    }
}
