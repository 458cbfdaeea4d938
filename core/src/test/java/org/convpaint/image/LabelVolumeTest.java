package org.convpaint.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelVolumeTest {
    @TempDir
    Path scratch;

    @Test
    void labelsOnDiskReadBackAcrossRowsAndPlanesAndTheFileIsDeleted() throws Exception {
        int[] values = new int[2 * 3 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 7919 - (i % 3 == 0 ? Integer.MIN_VALUE : 0); // uint32 bits included
        }
        Path file;
        try (LabelVolume v = LabelVolume.onDisk(2, 3, 5, scratch)) {
            file = v.file();
            assertFalse(v.inMemory());
            // written in pieces that cross row and plane boundaries
            v.write(0, 0, 0, values, 0, 7);
            v.write(0, 1, 2, values, 7, 13);
            v.write(1, 1, 0, values, 20, 10);
            int[] back = new int[values.length];
            v.read(0, 2, 4, back, 14, 9);
            v.read(0, 0, 0, back, 0, 14);
            v.read(1, 1, 3, back, 23, 7);
            assertArrayEquals(values, back);
            assertArrayEquals(values, v.toArray());
            assertThrows(IllegalStateException.class, v::array);
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "the scratch file is deleted on close");
    }

    @Test
    void arraysAreUsedInPlace() throws Exception {
        int[] a = new int[12];
        LabelVolume v = LabelVolume.of(a, 1, 3, 4);
        v.write(0, 1, 1, new int[] {9, 8, 7}, 0, 3);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 9, 8, 7, 0, 0, 0, 0}, a);
        assertTrue(v.array() == a && v.toArray() == a);
    }

    @Test
    void rangesOutsideTheVolumeAreRefused() throws Exception {
        LabelVolume v = LabelVolume.zeros(1, 2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> v.read(0, 1, 1, new int[2], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> v.write(1, 0, 0, new int[1], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelVolume.of(new int[3], 1, 2, 2));
    }
}
