package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpilledProbabilitiesTest {
    @TempDir
    Path dir;

    @Test
    void rowsWrittenPieceByPieceReadBackWithTheirBounds() throws Exception {
        int k = 2;
        int z = 2;
        int h = 5;
        int w = 7;
        double[] expected = new double[k * z * h * w];
        Path file;
        try (SpilledProbabilities s = SpilledProbabilities.create(k, z, h, w, dir)) {
            file = s.file();
            assertTrue(Files.exists(file));
            for (int c = 0; c < k; c++) {
                for (int p = 0; p < z; p++) {
                    for (int y = 0; y < h; y++) {
                        // each row in two pieces, as two tiles side by side write it
                        double[] row = new double[w];
                        for (int x = 0; x < w; x++) {
                            row[x] = c * 100 + p * 10 + y + x / 8.0 - 3;
                            expected[((c * z + p) * h + y) * w + x] = row[x];
                        }
                        s.put(c, p, y, 0, row, 0, 3);
                        s.put(c, p, y, 3, row, 3, w - 3);
                    }
                }
            }
            double[] got = new double[k * z * h * w];
            for (int c = 0; c < k; c++) {
                for (int p = 0; p < z; p++) {
                    s.readRows(c, p, 0, h, got, (c * z + p) * h * w);
                }
            }
            assertArrayEquals(expected, got, 0);
            assertArrayEquals(new double[] {-3, 100 + 10 + 4 + 6 / 8.0 - 3}, s.bounds(), 0);
            s.put(0, 0, 0, 0, new double[] {Double.NaN}, 0, 1);
            assertTrue(Double.isNaN(s.bounds()[0]) && Double.isNaN(s.bounds()[1]), "a NaN disables the clip");
        }
        assertFalse(Files.exists(file), "the scratch file is deleted on close");
    }
}
