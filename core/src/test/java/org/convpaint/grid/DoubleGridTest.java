package org.convpaint.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoubleGridTest {
    @TempDir
    Path dir;

    private static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i) * 1e3 + 1.0 / 3;
        }
        v[5] = Double.NaN;
        v[6] = Double.NEGATIVE_INFINITY;
        v[7] = -0.0;
        v[8] = Double.MIN_VALUE;
        return v;
    }

    /** Rows written in two pieces each, as two tiles side by side write them, then read back a plane at a time. */
    private static double[] tileRoundTrip(DoubleGrid g, double[] expected) throws Exception {
        GridShape s = g.shape();
        int w = s.width();
        for (int c = 0; c < s.channels(); c++) {
            for (int z = 0; z < s.depth(); z++) {
                for (int y = 0; y < s.height(); y++) {
                    int at = (int) s.index(c, z, y, 0, w);
                    g.write(s.index(c, z, y, 0, 3), expected, at, 3);
                    g.write(s.index(c, z, y, 3, w - 3), expected, at + 3, w - 3);
                }
            }
        }
        double[] got = new double[expected.length];
        for (int c = 0; c < s.channels(); c++) {
            for (int z = 0; z < s.depth(); z++) {
                g.readRows(c, z, 0, s.height(), got, (int) s.index(c, z, 0, 0, 0));
            }
        }
        return got;
    }

    @Test
    void float64ScratchFilesKeepEveryBit() throws Exception {
        GridShape shape = new GridShape(2, 2, 5, 7);
        double[] expected = values((int) shape.size());
        Path file;
        try (DoubleScratchGrid g = DoubleScratchGrid.create(shape, DoubleScratchGrid.Precision.FLOAT64, dir, "p")) {
            file = g.file();
            assertNull(g.array());
            double[] got = tileRoundTrip(g, expected);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]), "at " + i);
            }
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "the scratch file is deleted on close");
    }

    @Test
    void float32ScratchFilesReadBackRoundedToFloat32() throws Exception {
        GridShape shape = new GridShape(3, 1, 4, 6);
        double[] expected = values((int) shape.size());
        try (DoubleScratchGrid g = DoubleScratchGrid.create(shape, DoubleScratchGrid.Precision.FLOAT32, dir, "p")) {
            double[] got = tileRoundTrip(g, expected);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits((float) expected[i]), Float.floatToRawIntBits((float) got[i]));
                assertEquals((double) (float) expected[i], got[i], 0.0, "a float32 value read back exactly");
            }
            assertEquals(4L * shape.size(), Files.size(g.file()), "4 bytes a value");
        }
    }

    @Test
    void heapGridsHoldTheValuesInTheirArray() throws Exception {
        GridShape shape = new GridShape(2, 1, 3, 4);
        double[] expected = values((int) shape.size());
        DoubleArrayGrid g = DoubleArrayGrid.zeros(shape);
        assertArrayEquals(expected, tileRoundTrip(g, expected), 0);
        assertArrayEquals(expected, g.array(), 0);
        assertArrayEquals(expected, g.toArray(), 0);
    }
}
