package org.convpaint.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;
import org.convpaint.grid.IntScratchGrid;
import org.convpaint.image.Calibration;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.Segmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionWriterTest {
    private static final int T = 3;
    private static final int Z = 2;
    private static final int H = 4;
    private static final int W = 5;
    private static final int K = 3;

    @TempDir
    Path dir;

    /** A value that tells class, timepoint, plane and pixel apart (exact in float32). */
    private static double value(int c, int t, int z, int i) {
        return c * 1000 + t * 100 + z * 20 + i + 0.25;
    }

    private static Segmentation timepoint(int t) {
        int n = Z * H * W;
        double[] p = new double[K * n];
        for (int c = 0; c < K; c++) {
            for (int z = 0; z < Z; z++) {
                for (int i = 0; i < H * W; i++) {
                    p[c * n + z * H * W + i] = value(c, t, z, i);
                }
            }
        }
        return new Segmentation("ZYX", Z, H, W, IntArrayGrid.zeros(GridShape.of(Z, H, W)), DoubleArrayGrid.of(p, K, Z, H, W),
                List.of(), Map.of());
    }

    private PredictionWriter open() throws Exception {
        return PredictionWriter.open(dir.resolve("labels.tif"), dir.resolve("probs.tif"), "TZCYX",
                new int[] {T, Z, 2, H, W}, Calibration.UNKNOWN);
    }

    @Test
    void probabilitiesOfAllTimepointsAreWrittenClassFirstAndNoScratchFileRemains() throws Exception {
        try (PredictionWriter w = open()) {
            for (int t = 0; t < T; t++) {
                w.accept(t, IntArrayGrid.zeros(GridShape.of(Z, H, W)), timepoint(t));
            }
            w.finish();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("labels.tif", "probs.tif"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList());
        }
        try (TiffReader r = TiffReader.open(dir.resolve("probs.tif"))) {
            assertArrayEquals(new long[] {K, T, Z, H, W}, r.shape());
            double[] plane = new double[H * W];
            int index = 0;
            for (int c = 0; c < K; c++) {
                for (int t = 0; t < T; t++) {
                    for (int z = 0; z < Z; z++) {
                        r.readPlane(index++, plane);
                        for (int i = 0; i < H * W; i++) {
                            assertEquals(value(c, t, z, i), plane[i], "class " + c + " t " + t + " z " + z);
                        }
                    }
                }
            }
        }
    }

    @Test
    void closingWithoutFinishingLeavesNothingBehind() throws Exception {
        try (PredictionWriter w = open()) {
            w.accept(0, IntArrayGrid.zeros(GridShape.of(Z, H, W)), timepoint(0));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(3, files.count(), "two partial outputs and the probability scratch file while running");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void labelsInAScratchFileAreWrittenAsLabelsInMemory(@TempDir Path scratch) throws Exception {
        int h = 40;
        int w = 3000; // several strips per plane
        int[][] volumes = new int[T][Z * h * w];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < volumes[t].length; i++) {
                volumes[t][i] = (t * 7 + i * 13) % 1001 - (i % 5 == 0 ? Integer.MIN_VALUE : 0);
            }
        }
        double[][] read = new double[2][];
        for (int disk = 0; disk < 2; disk++) {
            Path f = dir.resolve("labels" + disk + ".tif");
            try (PredictionWriter pw = PredictionWriter.open(f, null, "TZYX", new int[] {T, Z, h, w},
                    Calibration.UNKNOWN)) {
                for (int t = 0; t < T; t++) {
                    Segmentation seg = new Segmentation("ZYX", Z, h, w, IntArrayGrid.zeros(GridShape.of(Z, h, w)), null, List.of(),
                            Map.of());
                    if (disk == 1) {
                        try (IntGrid v = IntScratchGrid.create(GridShape.of(Z, h, w), scratch, "labels")) {
                            v.write(0, volumes[t], 0, volumes[t].length);
                            pw.accept(t, v, seg);
                        }
                    } else {
                        pw.accept(t, IntArrayGrid.of(volumes[t], Z, h, w), seg);
                    }
                }
                pw.finish();
            }
            try (TiffReader r = TiffReader.open(f)) {
                read[disk] = new double[T * Z * h * w];
                double[] plane = new double[h * w];
                for (int p = 0; p < T * Z; p++) {
                    r.readPlane(p, plane);
                    System.arraycopy(plane, 0, read[disk], p * h * w, h * w);
                }
            }
        }
        assertEquals((double) (volumes[1][5] & 0xffffffffL), read[0][Z * h * w + 5]);
        assertArrayEquals(read[0], read[1]);
    }
}
