package org.convpaint.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;
import org.junit.jupiter.api.Test;

/** One band's components: its local labelling, their classes and first pixels, and its two face rows. */
class BandComponentsTest {
    private static final int D = 2;
    private static final int H = 5;
    private static final int W = 4;
    /** Rows 0 and 4 (outside the band [1, 4)) are 9s that must not be read. */
    private static final int[] SEM = {
        9, 9, 9, 9,
        0, 2, 0, 1,
        0, 2, 0, 0,
        1, 0, 0, 2,
        9, 9, 9, 9,

        9, 9, 9, 9,
        0, 0, 0, 0,
        1, 0, 0, 0,
        0, 0, 0, 0,
        9, 9, 9, 9};

    @Test
    void localComponentsAreNumberedByClassThenRasterOrderWithGlobalFirstPixels() throws Exception {
        BandComponents band = BandComponents.of(new RowGuard(IntArrayGrid.of(SEM, D, H, W), 1, 4), 1, 4);
        // class 1: (z0, y1, x3); (z0, y3, x0) with (z1, y2, x0) across planes; class 2: (z0, y1..2, x1); (z0, y3, x3)
        assertEquals(4, band.count());
        assertArrayEquals(new int[] {1, 1, 2, 2}, band.classes());
        assertArrayEquals(new long[] {7, 12, 5, 15}, band.firstPixels());
        assertArrayEquals(new int[] {0, 3, 0, 1, 0, 0, 0, 0}, band.firstRow());
        assertArrayEquals(new int[] {2, 0, 0, 4, 0, 0, 0, 0}, band.lastRow());
        assertEquals(1, band.y0());
        assertEquals(4, band.y1());
        assertEquals(GridShape.of(D, H, W), band.imageShape());
        assertTrue(band.toString().contains("4 components"), band.toString());
    }

    @Test
    void localIdsAreThoseOfInstanceLabelingOnTheBandAlone() throws Exception {
        int[] work = new int[SEM.length];
        Arrays.fill(work, -7);
        IntArrayGrid semantic = IntArrayGrid.of(SEM, D, H, W);
        BandComponents inWork = BandComponents.of(semantic, 1, 4, IntArrayGrid.of(work, D, H, W));
        int[] bandSem = new int[D * 3 * W];
        int[] bandWork = new int[D * 3 * W];
        for (int z = 0; z < D; z++) {
            System.arraycopy(SEM, (z * H + 1) * W, bandSem, z * 3 * W, 3 * W);
            System.arraycopy(work, (z * H + 1) * W, bandWork, z * 3 * W, 3 * W);
            for (int y : new int[] {0, 4}) {
                assertArrayEquals(new int[] {-7, -7, -7, -7}, Arrays.copyOfRange(work, (z * H + y) * W,
                        (z * H + y + 1) * W), "row " + y + " of plane " + z + " of the work grid is untouched");
            }
        }
        assertArrayEquals(InstanceLabeling.label(bandSem, D, 3, W), bandWork);
        assertEquals(BandComponents.of(semantic, 1, 4), inWork);
    }

    @Test
    void recomputingABandGivesAnEqualValueThatSurvivesSerialization() throws Exception {
        int d = 3;
        int h = 30;
        int w = 20;
        int[] sem = Bandwise.strokes(new java.util.Random(8), d, h, w, new int[] {0, 1, 2, 3}, 8, 0.3);
        IntGrid semantic = IntArrayGrid.of(sem, d, h, w);
        for (int[] rows : new int[][] {{0, 30}, {0, 1}, {29, 30}, {7, 19}}) {
            BandComponents a = BandComponents.of(semantic, rows[0], rows[1]);
            assertEquals(a, Bandwise.shipped(BandComponents.of(new RowGuard(semantic, rows[0], rows[1]), rows[0],
                    rows[1])));
            assertEquals(a.hashCode(), BandComponents.of(semantic, rows[0], rows[1]).hashCode());
        }
        assertEquals(Arrays.stream(InstanceLabeling.label(sem, d, h, w)).max().orElse(0),
                BandComponents.of(semantic, 0, h).count());
    }

    @Test
    void bandsOutsideTheImageOrOfSeveralChannelsAreRefused() {
        IntArrayGrid semantic = IntArrayGrid.of(SEM, D, H, W);
        for (int[] rows : new int[][] {{-1, 2}, {3, 6}, {2, 2}, {3, 1}}) {
            assertThrows(IllegalArgumentException.class, () -> BandComponents.of(semantic, rows[0], rows[1]),
                    Arrays.toString(rows));
        }
        assertThrows(IllegalArgumentException.class,
                () -> BandComponents.of(IntArrayGrid.zeros(new GridShape(2, 1, 3, 3)), 0, 3));
        assertThrows(IllegalArgumentException.class, () -> BandComponents.of(semantic, 0, 5, semantic));
        assertThrows(IllegalArgumentException.class,
                () -> BandComponents.of(semantic, 0, 5, IntArrayGrid.zeros(GridShape.of(D, H, W + 1))));
    }

    /** A grid that fails on any read or write outside rows [y0, y1) of its planes. */
    static final class RowGuard implements IntGrid {
        private final IntGrid grid;
        private final int y0;
        private final int y1;

        RowGuard(IntGrid grid, int y0, int y1) {
            this.grid = grid;
            this.y0 = y0;
            this.y1 = y1;
        }

        private void check(long at, int n) {
            GridShape s = grid.shape();
            for (long i = at; i < at + n; i++) {
                long y = i / s.width() % s.height();
                if (y < y0 || y >= y1) {
                    throw new AssertionError("value " + i + " in row " + y + ", outside rows " + y0 + ".." + y1);
                }
            }
        }

        @Override
        public GridShape shape() {
            return grid.shape();
        }

        @Override
        public void read(long at, int[] dst, int off, int n) throws IOException {
            check(at, n);
            grid.read(at, dst, off, n);
        }

        @Override
        public void write(long at, int[] src, int off, int n) throws IOException {
            check(at, n);
            grid.write(at, src, off, n);
        }

        @Override
        public int[] array() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
