package org.convpaint.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntGridTest {
    @TempDir
    Path scratch;

    private static int[] values(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i * 7919 - (i % 3 == 0 ? Integer.MIN_VALUE : 0); // uint32 bits included
        }
        return values;
    }

    /** Writes {@code values} ([2, 2, 3, 5]) in pieces crossing row, plane and channel boundaries; reads them back. */
    private static void roundTrip(IntGrid g, int[] values) throws Exception {
        g.write(0, values, 0, 7);
        g.write(7, values, 7, 13);
        g.writeRows(1, 1, 1, 3, values, 50);
        g.write(20, values, 20, 25);
        g.writeRows(1, 1, 0, 1, values, 45);
        int[] back = new int[values.length];
        g.read(14, back, 14, 9);
        g.read(0, back, 0, 14);
        g.read(23, back, 23, 22);
        g.readRows(1, 1, 0, 3, back, 45);
        assertArrayEquals(values, back);
        assertArrayEquals(values, g.toArray());
    }

    @Test
    void labelsInAScratchFileReadBackAcrossRowsPlanesAndChannelsAndTheFileIsDeleted() throws Exception {
        GridShape shape = new GridShape(2, 2, 3, 5);
        int[] values = values((int) shape.size());
        Path file;
        try (IntScratchGrid g = IntScratchGrid.create(shape, scratch, "labels")) {
            file = g.file();
            assertNull(g.array());
            roundTrip(g, values);
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "the scratch file is deleted on close");
    }

    @Test
    void heapGridsUseTheirArrayInPlace() throws Exception {
        GridShape shape = new GridShape(2, 2, 3, 5);
        IntArrayGrid g = IntArrayGrid.zeros(shape);
        int[] values = values((int) shape.size());
        roundTrip(g, values);
        assertArrayEquals(values, g.array());
        int[] a = new int[12];
        IntArrayGrid shared = IntArrayGrid.of(a, 1, 3, 4);
        shared.writeRows(0, 0, 1, 2, new int[] {9, 8, 7, 6}, 0);
        assertArrayEquals(new int[] {0, 0, 0, 0, 9, 8, 7, 6, 0, 0, 0, 0}, a);
        assertSame(a, shared.array());
        assertSame(a, shared.toArray());
    }

    @Test
    void runsOutsideTheGridAreRefused() throws Exception {
        IntArrayGrid g = IntArrayGrid.zeros(GridShape.of(1, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> g.read(3, new int[2], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> g.write(-1, new int[1], 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> g.readRows(0, 1, 0, 1, new int[2], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> g.writeRows(1, 0, 0, 1, new int[2], 0));
        assertThrows(IllegalArgumentException.class, () -> IntArrayGrid.of(new int[3], 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new GridShape(1, 0, 2, 2));
        try (IntScratchGrid s = IntScratchGrid.create(GridShape.of(1, 2, 2), scratch, "labels")) {
            assertThrows(IndexOutOfBoundsException.class, () -> s.write(2, new int[3], 0, 3));
        }
    }

    @Test
    void gridsTooLargeForAnArrayAreRefusedBeforeAllocating() {
        GridShape huge = new GridShape(3, 1, 40000, 40000);
        assertThrows(IllegalStateException.class, () -> IntArrayGrid.zeros(huge));
        assertThrows(IllegalStateException.class, () -> DoubleArrayGrid.zeros(huge));
    }
}
