package org.convpaint.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;
import org.convpaint.grid.IntScratchGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelling band by band, joined by {@link InstanceNumbering}, gives exactly {@link InstanceLabeling}'s labels. */
class InstanceNumberingTest {
    @TempDir
    Path scratch;

    @Test
    void bandwiseLabelsEqualInstanceLabelingOnRandomImagesForEverySplit() throws Exception {
        Random rnd = new Random(16);
        int[][] shapes = {{1, 1, 1}, {1, 1, 23}, {1, 23, 1}, {1, 37, 53}, {4, 29, 31}, {2, 1, 9}, {3, 11, 1}};
        int[][] classValues = {{0}, {0, 1}, {0, 1, 2}, {0, 3, 1, 2}, {0, 1, 2, 3, 4}, {0, 7, -3, 2, 5}};
        int mostComponents = 0;
        for (int[] s : shapes) {
            for (int[] values : classValues) {
                for (double noise : new double[] {0.05, 0.4}) {
                    int[] sem = Bandwise.strokes(rnd, s[0], s[1], s[2], values, 1 + rnd.nextInt(12), noise);
                    int[] expected = InstanceLabeling.label(sem, s[0], s[1], s[2]);
                    mostComponents = Math.max(mostComponents, Arrays.stream(expected).max().orElse(0));
                    for (int[] cuts : Bandwise.splits(s[1], rnd)) {
                        assertArrayEquals(expected, Bandwise.label(sem, s[0], s[1], s[2], cuts),
                                Arrays.toString(s) + " classes " + Arrays.toString(values) + " noise " + noise
                                        + " cuts " + Arrays.toString(cuts));
                    }
                }
            }
        }
        assertTrue(mostComponents >= 300, "several hundred components in some image: " + mostComponents);
    }

    /** Vertical strokes joined alternately at the bottom and the top: one snake leaving and re-entering bands. */
    @Test
    void aSnakeCrossingEveryBandIsOneComponent() throws Exception {
        int h = 12;
        int w = 17;
        int[] sem = new int[h * w];
        for (int x = 0; x < w; x += 2) {
            for (int y = 0; y < h; y++) {
                sem[y * w + x] = 2;
            }
            if (x + 2 < w) {
                sem[(x % 4 == 0 ? h - 1 : 0) * w + x + 1] = 2; // the turn to the next stroke
            }
        }
        sem[5 * w + 1] = 1; // a class-1 pixel inside a bend: numbered before the snake
        int[] expected = InstanceLabeling.label(sem, 1, h, w);
        assertEquals(2, Arrays.stream(expected).max().orElse(0));
        assertEquals(2, expected[0]);
        for (int[] cuts : Bandwise.splits(h, new Random(1))) {
            assertArrayEquals(expected, Bandwise.label(sem, 1, h, w, cuts), Arrays.toString(cuts));
        }
    }

    /** A 3-D snake that climbs through the planes diagonally, crossing every band face between planes. */
    @Test
    void aSnakeWanderingAcrossPlanesAndBandsIsOneComponent() throws Exception {
        int d = 3;
        int h = 10;
        int w = 6;
        int[] sem = new int[d * h * w];
        for (int y = 0; y < h; y++) {
            int z = y % 4 == 3 ? 1 : y % 4; // 0, 1, 2, 1, 0, 1, 2, 1, ...
            sem[(z * h + y) * w + (y % 2 == 0 ? 1 : 2)] = 4;
        }
        int[] expected = InstanceLabeling.label(sem, d, h, w);
        assertEquals(1, Arrays.stream(expected).max().orElse(0));
        for (int[] cuts : Bandwise.splits(h, new Random(2))) {
            assertArrayEquals(expected, Bandwise.label(sem, d, h, w, cuts), Arrays.toString(cuts));
        }
    }

    /**
     * Nested U shapes whose arms meet only in the last rows: in bands of few rows the arms are separate components
     * until the last band, and the outer U, first in raster order, keeps the smaller number.
     */
    @Test
    void uShapesJoinedOnlyInALaterBandAreNumberedByTheirFirstPixel() throws Exception {
        int h = 9;
        int w = 11;
        int[] sem = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int u = 0; u < 3; u++) { // U number u spans columns u*2 .. w-1-u*2, its bottom at row h-1-u*2
                int bottom = h - 1 - 2 * u;
                if (y <= bottom) {
                    sem[y * w + 2 * u] = 3;
                    sem[y * w + w - 1 - 2 * u] = 3;
                }
                if (y == bottom) {
                    Arrays.fill(sem, y * w + 2 * u, y * w + w - 2 * u, 3);
                }
            }
        }
        int[] expected = InstanceLabeling.label(sem, 1, h, w);
        assertEquals(3, Arrays.stream(expected).max().orElse(0));
        assertEquals(1, expected[w - 1]); // the outer U's right arm
        for (int[] cuts : Bandwise.splits(h, new Random(3))) {
            assertArrayEquals(expected, Bandwise.label(sem, 1, h, w, cuts), Arrays.toString(cuts));
        }
    }

    @Test
    void diagonalTouchesAcrossAFaceJoinInXAndZ() throws Exception {
        // 2-D: (1, 2) touches (2, 3) and (2, 1) only by corners; (1, 6) and (2, 8) do not touch
        int[] flat = new int[4 * 10];
        flat[12] = flat[23] = flat[21] = 1;
        flat[16] = flat[28] = 1;
        int[] expected = InstanceLabeling.label(flat, 1, 4, 10);
        assertEquals(3, Arrays.stream(expected).max().orElse(0));
        assertArrayEquals(expected, Bandwise.label(flat, 1, 4, 10, new int[] {0, 2, 4}));
        // 3-D: (z0, y1, x1) touches (z1, y2, x2); (z2, y1, x4) touches (z1, y2, x4); (z0, y1, x6) misses (z2, y2, x6)
        int d = 3;
        int h = 4;
        int w = 8;
        int[] vol = new int[d * h * w];
        vol[(0 * h + 1) * w + 1] = vol[(1 * h + 2) * w + 2] = 5;
        vol[(2 * h + 1) * w + 4] = vol[(1 * h + 2) * w + 4] = 6;
        vol[(0 * h + 1) * w + 6] = vol[(2 * h + 2) * w + 6] = 6;
        expected = InstanceLabeling.label(vol, d, h, w);
        assertEquals(4, Arrays.stream(expected).max().orElse(0));
        assertArrayEquals(expected, Bandwise.label(vol, d, h, w, new int[] {0, 2, 4}));
        // different classes touching across the face stay apart
        vol[(1 * h + 2) * w + 2] = 6;
        assertArrayEquals(InstanceLabeling.label(vol, d, h, w), Bandwise.label(vol, d, h, w, new int[] {0, 2, 4}));
    }

    @Test
    void bandsReadAndWriteOnlyTheirRowsAndCanBeRelabelledInAnyOrderIntoAScratchGrid() throws Exception {
        Random rnd = new Random(4);
        int d = 2;
        int h = 40;
        int w = 25;
        int[] sem = Bandwise.strokes(rnd, d, h, w, new int[] {0, 1, 2}, 10, 0.3);
        IntGrid semantic = IntArrayGrid.of(sem, d, h, w);
        int[] cuts = {0, 7, 8, 30, 40};
        try (IntGrid out = IntScratchGrid.create(GridShape.of(d, h, w), scratch, "bands")) {
            List<BandComponents> bands = new ArrayList<>();
            for (int b = 0; b + 1 < cuts.length; b++) {
                bands.add(BandComponents.of(guard(semantic, cuts, b), cuts[b], cuts[b + 1], guard(out, cuts, b)));
            }
            InstanceNumbering numbering = InstanceNumbering.resolve(bands);
            assertEquals(4, numbering.bands());
            assertEquals(30, numbering.rowStart(3));
            assertEquals(40, numbering.rowEnd(3));
            for (int b : new int[] {2, 0, 3, 1}) {
                numbering.relabel(guard(semantic, cuts, b), b, guard(out, cuts, b));
            }
            assertArrayEquals(InstanceLabeling.label(sem, d, h, w), out.toArray());
        }
    }

    /** {@code grid} failing on any access outside band b's rows. */
    private static IntGrid guard(IntGrid grid, int[] cuts, int b) {
        return new BandComponentsTest.RowGuard(grid, cuts[b], cuts[b + 1]);
    }

    @Test
    void bandsOutOfOrderOverlappingOrWithAGapAreRefused() throws Exception {
        IntGrid semantic = IntArrayGrid.of(Bandwise.strokes(new Random(5), 1, 10, 6, new int[] {0, 1}, 3, 0.2), 1,
                10, 6);
        BandComponents a = BandComponents.of(semantic, 0, 4);
        BandComponents b = BandComponents.of(semantic, 4, 7);
        BandComponents c = BandComponents.of(semantic, 7, 10);
        assertRefused("out of order", List.of(a, c, b));
        assertRefused("overlap", List.of(a, BandComponents.of(semantic, 3, 7), c));
        assertRefused("rows 4..5 are missing", List.of(a, BandComponents.of(semantic, 5, 7), c));
        assertRefused("must start at row 0", List.of(b, c));
        assertRefused("rows 7..10 are missing", List.of(a, b));
        assertRefused("out of order", List.of(a, a, b, c));
        assertRefused("no bands", List.of());
        BandComponents other = BandComponents.of(IntArrayGrid.zeros(GridShape.of(1, 10, 7)), 7, 10);
        assertRefused("image of 1x1x10x7", List.of(a, b, other));
        assertEquals(3, InstanceNumbering.resolve(List.of(a, b, c)).bands());
    }

    private static void assertRefused(String reason, List<BandComponents> bands) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstanceNumbering.resolve(bands));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void relabellingRowsOtherThanTheMapsIsRefused() throws Exception {
        int[] sem = {1, 0, 1, 0, 0, 0, 1, 0, 0};
        IntGrid semantic = IntArrayGrid.of(sem, 1, 3, 3);
        InstanceNumbering numbering = InstanceNumbering.resolve(List.of(BandComponents.of(semantic, 0, 1),
                BandComponents.of(semantic, 1, 3)));
        assertArrayEquals(new int[] {0, 1, 2}, numbering.mapFor(0));
        assertArrayEquals(new int[] {0, 3}, numbering.mapFor(1));
        IntArrayGrid out = IntArrayGrid.zeros(GridShape.of(1, 3, 3));
        assertThrows(IllegalStateException.class,
                () -> InstanceNumbering.relabel(semantic, 1, 3, numbering.mapFor(0), out));
        assertThrows(IllegalStateException.class,
                () -> InstanceNumbering.relabel(semantic, 0, 1, numbering.mapFor(1), out));
        assertThrows(IllegalArgumentException.class,
                () -> InstanceNumbering.relabel(semantic, 0, 1, new int[] {1, 1, 2}, out));
        assertThrows(IllegalArgumentException.class, () -> numbering.relabel(semantic, 0, semantic));
        assertThrows(IndexOutOfBoundsException.class, () -> numbering.mapFor(2));
        numbering.mapFor(0)[1] = 99; // a copy
        assertArrayEquals(new int[] {0, 1, 2}, numbering.mapFor(0));
    }
}
