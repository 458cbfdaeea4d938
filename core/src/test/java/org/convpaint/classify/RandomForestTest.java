package org.convpaint.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;

class RandomForestTest {

    /** One stump on feature 0 with threshold 0.1 (float64): leaves with counts {3,1} and {0,2}. */
    private static RandomForest stump() {
        return new RandomForest(1, new int[] {1, 2}, new int[] {0}, new int[] {0, ~0, ~1},
                new float[] {RandomForest.floatThreshold(0.1), 0, 0}, new int[] {1, 0, 0},
                new double[] {0.75, 0.25, 0.0, 1.0});
    }

    @Test
    void featuresAreComparedAsFloat32AgainstTheFloat64Threshold() {
        // 0.1f is 0.100000001490116... > 0.1, so sklearn sends it right although it "looks" equal.
        double[] out = new double[4];
        stump().predictProba(new float[] {0.1f, Math.nextDown(0.1f)}, 2, out);
        assertArrayEquals(new double[] {0.0, 1.0, 0.75, 0.25}, out);
    }

    @Test
    void probabilitiesAreLeafFractionsSummedInTreeOrderThenDivided() {
        java.util.Random rnd = new java.util.Random(7);
        for (int k = 2; k <= 5; k++) {
            int trees = 60;
            int numFeatures = 9;
            float[] thresholds = ForestBuilder.gaussians(rnd, 64);
            ForestBuilder b = new ForestBuilder();
            for (int t = 0; t < trees; t++) {
                b.tree(rnd, 5, 0.75, numFeatures, thresholds);
            }
            double[] proba = new double[b.leaves * k];
            for (int i = 0; i < proba.length; i++) {
                proba[i] = rnd.nextDouble() / 3;
            }
            RandomForest forest = b.build(numFeatures, proba);
            int[] roots = b.roots.stream().mapToInt(Integer::intValue).toArray();
            int[] f = b.feature.stream().mapToInt(Integer::intValue).toArray();
            int[] l = b.left.stream().mapToInt(Integer::intValue).toArray();
            for (int rows : new int[] {1, 7, 8, 13, 300}) {
                float[] x = ForestBuilder.gaussians(rnd, rows * numFeatures);
                double[] expected = new double[rows * k];
                for (int r = 0; r < rows; r++) {
                    double[] sum = new double[k];
                    for (int root : roots) {
                        int node = root;
                        while (f[node] >= 0) {
                            node = x[r * numFeatures + f[node]] <= b.threshold.get(node) ? l[node] : l[node] + 1;
                        }
                        for (int c = 0; c < k; c++) {
                            sum[c] += proba[~f[node] * k + c];
                        }
                    }
                    for (int c = 0; c < k; c++) {
                        expected[r * k + c] = sum[c] / trees;
                    }
                }
                double[] rowMajor = new double[rows * k];
                forest.predictProba(x, rows, rowMajor);
                assertArrayEquals(expected, rowMajor, k + " classes, " + rows + " rows");
                // the same pixels as feature columns, from pixel 3 of a longer stack
                int n = rows + 3;
                float[] stack = new float[numFeatures * n];
                int[] columns = new int[numFeatures];
                for (int i = 0; i < numFeatures; i++) {
                    columns[i] = i * n;
                    for (int r = 0; r < rows; r++) {
                        stack[i * n + 3 + r] = x[r * numFeatures + i];
                    }
                }
                for (boolean compiled : new boolean[] {false, true}) {
                    double[] byColumns = new double[k * rows];
                    forest.bind(stack, columns, compiled).predictProba(3, rows, byColumns, 0, rows);
                    for (int c = 0; c < k; c++) {
                        for (int r = 0; r < rows; r++) {
                            assertEquals(expected[r * k + c], byColumns[c * rows + r],
                                    "class " + c + " pixel " + r + (compiled ? ", compiled" : ""));
                        }
                    }
                }
            }
        }
    }

    @Test
    void floatThresholdIsTheLargestFloatNotAboveTheDouble() {
        for (double t : new double[] {0.1, -0.1, 1e-30, 3.4e38, 1.0, 0.30000000000000004, -7.25}) {
            float f = RandomForest.floatThreshold(t);
            assertTrue(f <= t && Math.nextUp(f) > t, "threshold " + t);
        }
    }

    @Test
    void bundledForestReproducesSklearnPredictProbaExactly() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(Path.of("src/test/resources/testdata/m03_gauss_ms_o1_norm1.pkl"))) {
            assertProbabilitiesMatch(m, Npy.read(Path.of("src/test/resources/testdata/m03__g_u8_61x77__ds2.s3_features.npy")),
                    Npy.read(Path.of("src/test/resources/testdata/m03__g_u8_61x77__ds2.s4_clf_probas_padded.npy")));
        }
    }

    @Test
    void forestsOfEveryStageDumpReproduceSklearnPredictProba() throws Exception {
        Path root = Fixtures.root();
        int checked = 0;
        for (var c : Fixtures.cases()) {
            if (!"stages".equals(c.get("kind").getAsString())) {
                continue;
            }
            Path dir = root.resolve("cases").resolve(c.get("id").getAsString());
            try (ConvpaintModel m = ModelLoader.load(root.resolve(c.get("model_pkl").getAsString()))) {
                assertProbabilitiesMatch(m, Npy.read(dir.resolve("s3_features.npy")),
                        Npy.read(dir.resolve("s4_clf_probas_padded.npy")));
                checked++;
            }
        }
        assertEquals(5, checked);
    }

    /** s3 is (F, Z, H, W); s4 is (K, Z, H, W); rows are pixels in (z, h, w) order. */
    static void assertProbabilitiesMatch(ConvpaintModel m, Npy s3, Npy s4) {
        int f = s3.shape[0];
        int k = s4.shape[0];
        int n = s3.size() / f;
        assertEquals(m.numFeatures(), f);
        float[] rows = new float[n * f];
        for (int i = 0; i < f; i++) {
            for (int p = 0; p < n; p++) {
                rows[p * f + i] = (float) s3.data[i * n + p];
            }
        }
        double[] out = new double[n * k];
        m.classifier().predictProba(rows, n, out);
        double maxDiff = 0;
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < n; p++) {
                maxDiff = Math.max(maxDiff, Math.abs(out[p * k + c] - s4.data[c * n + p]));
            }
        }
        assertTrue(maxDiff <= 1e-12, "max |diff| " + maxDiff);

        // reading the feature columns in place gives the very same values, also from an offset pixel on
        float[] stack = new float[f * n];
        int[] columns = new int[f];
        for (int i = 0; i < f; i++) {
            columns[i] = i * n;
            for (int p = 0; p < n; p++) {
                stack[i * n + p] = (float) s3.data[i * n + p];
            }
        }
        int first = n / 3;
        int rowsLeft = n - first;
        double[] byColumns = new double[k * rowsLeft + 5];
        m.classifier().predictProbaColumns(stack, columns, first, rowsLeft, byColumns, 5, rowsLeft);
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < rowsLeft; r++) {
                assertEquals(out[(first + r) * k + c], byColumns[5 + c * rowsLeft + r], "class " + c + " pixel " + r);
            }
        }

        // columns bound once, then runs of pixels from several offsets (as the rows of a tile): the same values,
        // walked and (for forests) with the compiled trees
        List<PixelClassifier.BoundColumns> binds = new ArrayList<>(List.of(m.classifier().bindColumns(stack,
                columns)));
        if (m.classifier() instanceof RandomForest forest) {
            binds.add(forest.bind(stack, columns, true));
        }
        int run = Math.max(1, n / 7);
        for (PixelClassifier.BoundColumns bound : binds) {
            for (int start = n - run; start >= 0; start -= 2 * run) {
                double[] part = new double[k * run];
                bound.predictProba(start, run, part, 0, run);
                for (int c = 0; c < k; c++) {
                    for (int r = 0; r < run; r++) {
                        assertEquals(out[(start + r) * k + c], part[c * run + r], "run from " + start + ", class "
                                + c);
                    }
                }
            }
        }
    }
}
