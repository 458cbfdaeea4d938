package org.convpaint.classify.catboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.convpaint.classify.CatBoostPixelClassifier;
import org.convpaint.classify.PixelClassifier;
import org.junit.jupiter.api.Test;

/**
 * The {@link PixelClassifier} contract of the pure-Java CatBoost classifier: probabilities are the sigmoid
 * (Logloss) or softmax (MultiClass) of CatBoost's own raw values, and the compact classifier over bound feature
 * columns gives bit-identical probabilities to rows of all features, also from several threads.
 */
class CatBoostClassifierContractTest {
    private static final Path SOURCE = Path.of("contract.cbm");

    @Test
    void loglossProbabilitiesAreTheSigmoidOfCatBoostsRawValues() throws Exception {
        CbmSpec s = CbmSpec.random(new Random(31), 6, 30, 6, 1);
        s.bias = 0.3;
        byte[] cbm = s.toCbm();
        float[][] rows = CatBoostEvaluatorOracleTest.probeRows(s, 200, 32);
        double[] raw = NativeOracle.raw(cbm, rows);
        CatBoostPixelClassifier clf = CatBoostPixelClassifier.fromCbm(cbm, -1, SOURCE);
        float[] flat = new float[rows.length * 6];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * 6, 6);
        }
        double[] p = new double[rows.length * 2];
        clf.predictProba(flat, rows.length, p);
        for (int r = 0; r < rows.length; r++) {
            double p1 = 1.0 / (1.0 + Math.exp(-raw[r]));
            assertEquals(p1, p[2 * r + 1], 1e-15);
            assertEquals(1.0 - p1, p[2 * r], 1e-15);
        }
    }

    @Test
    void compactClassifierOverBoundColumnsEqualsRowsOnLilyAcrossThreads() throws Exception {
        byte[] cbm = Lily.cbm();
        CbmSpec lily = CbmSpec.readTrusted(cbm);
        int n = 3000;
        float[][] rows = CatBoostEvaluatorOracleTest.probeRows(lily, n, 33);
        CatBoostPixelClassifier clf = CatBoostPixelClassifier.fromCbm(cbm, 768, SOURCE);
        float[] flat = new float[n * 768];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[r], 0, flat, r * 768, 768);
        }
        double[] expected = new double[n * 3];
        clf.predictProba(flat, n, expected);
        int[] used = clf.usedFeatures();
        assertTrue(used.length < 768, "lily reads a subset of its features");
        float[] columns = new float[used.length * n];
        int[] at = new int[used.length];
        for (int i = 0; i < used.length; i++) {
            at[i] = i * n;
            for (int r = 0; r < n; r++) {
                columns[i * n + r] = flat[r * 768 + used[i]];
            }
        }
        PixelClassifier.BoundColumns bound = clf.compact().bindColumns(columns, at);
        double[] actual = new double[n * 3];
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int first = t * n / threads.length;
            int last = (t + 1) * n / threads.length;
            threads[t] = new Thread(() -> bound.predictProba(first, last - first, actual, first, n));
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[3 * r + c], actual[c * n + r], 0.0, "pixel " + r + " class " + c);
            }
        }
    }
}
