package org.convpaint.classify.catboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.convpaint.classify.CatBoostPixelClassifier;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java evaluator against CatBoost's native library (the oracle): raw values equal to ≤ 1e-12 on the
 * real lily model and on valid models built by the test's own writer (variants of lily: leaf values, borders,
 * scale, bias, NaN treatment, 2-class Logloss; random models), over rows that hit every border exactly, one
 * float step either side, NaN, infinities and random values.
 */
class CatBoostEvaluatorOracleTest {
    private static final double TOLERANCE = 1e-12;
    private static final Path SOURCE = Path.of("test.cbm");

    /** Max |raw difference| between the two evaluators over {@code rows}; asserts it is ≤ 1e-12. */
    static double compare(byte[] cbm, float[][] rows, String what) throws Exception {
        double[] expected = NativeOracle.raw(cbm, rows);
        CatBoostPixelClassifier clf = CatBoostPixelClassifier.fromCbm(cbm, rows[0].length, SOURCE);
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        double[] actual = clf.rawScores(flat, rows.length);
        assertEquals(expected.length, actual.length, what);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (!(d <= TOLERANCE) && !(Double.isNaN(expected[i]) && Double.isNaN(actual[i]))
                    && expected[i] != actual[i]) {
                throw new AssertionError(what + ": raw value " + i + " is " + actual[i] + ", CatBoost says "
                        + expected[i]);
            }
            if (Double.isFinite(d)) {
                max = Math.max(max, d);
            }
        }
        System.out.println("[catboost-oracle] " + what + ": " + rows.length + " rows, max |raw difference| " + max);
        return max;
    }

    /** Rows whose values sit on, just above and just below the borders, plus NaN, ±inf, ±0 and random values. */
    static float[][] probeRows(CbmSpec s, int n, long seed) {
        Random rnd = new Random(seed);
        int f = s.borders.size();
        float[][] rows = new float[n][f];
        for (float[] row : rows) {
            for (int i = 0; i < f; i++) {
                float[] b = s.borders.get(i);
                int kind = rnd.nextInt(10);
                float v;
                if (b.length > 0 && kind < 6) {
                    float border = b[rnd.nextInt(b.length)];
                    v = kind < 2 ? border : kind < 4 ? Math.nextUp(border) : Math.nextDown(border);
                } else if (kind == 6) {
                    v = Float.NaN;
                } else if (kind == 7) {
                    v = rnd.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                } else if (kind == 8) {
                    v = rnd.nextBoolean() ? 0f : -0f;
                } else {
                    v = (float) (rnd.nextGaussian() * 3);
                }
                row[i] = v;
            }
        }
        return rows;
    }

    @Test
    void lilyRawValuesEqualCatBoostsOnBorderAndRandomRows() throws Exception {
        byte[] cbm = Lily.cbm();
        CbmSpec lily = CbmSpec.readTrusted(cbm);
        assertEquals(768, lily.borders.size());
        compare(cbm, probeRows(lily, 4000, 1), "lily");
    }

    @Test
    void lilyRebuiltByTheTestWriterEvaluatesAsTheOriginal() throws Exception {
        byte[] cbm = Lily.cbm();
        CbmSpec lily = CbmSpec.readTrusted(cbm);
        float[][] rows = probeRows(lily, 500, 2);
        double[] original = NativeOracle.raw(cbm, rows);
        double[] rebuilt = NativeOracle.raw(lily.toCbm(), rows);
        assertTrue(Arrays.equals(original, rebuilt), "the writer must reproduce lily for the variants to mean much");
        compare(lily.toCbm(), rows, "lily rebuilt");
    }

    @Test
    void lilyVariantsWithOtherLeavesBordersScaleAndBiasEqualCatBoosts() throws Exception {
        CbmSpec s = CbmSpec.readTrusted(Lily.cbm());
        Random rnd = new Random(3);
        for (int i = 0; i < s.leaves.length; i++) {
            s.leaves[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4);
        }
        for (float[] b : s.borders) {
            float shift = (float) rnd.nextGaussian();
            for (int j = 0; j < b.length; j++) {
                b[j] += shift;
            }
            Arrays.sort(b);
        }
        s.scale = 0.37;
        s.multiBias = new double[] {0.25, -1.5, 3e-3};
        compare(s.toCbm(), probeRows(s, 2000, 4), "lily leaves, borders, scale, multi-bias");
    }

    @Test
    void lilyWithNansAsTrueOrFalseEqualsCatBoost() throws Exception {
        CbmSpec s = CbmSpec.readTrusted(Lily.cbm());
        for (int i = 0; i < s.borders.size(); i++) {
            s.hasNans.set(i, i % 3 != 0);
            s.nanTreatment.set(i, i % 2 == 0 ? 2 : 1);
        }
        compare(s.toCbm(), probeRows(s, 2000, 5), "lily NaN as true/false");
    }

    @Test
    void twoClassLoglossVariantOfLilyEqualsCatBoost() throws Exception {
        CbmSpec s = CbmSpec.readTrusted(Lily.cbm());
        s.dimension = 1;
        double[] leaves = new double[s.leaves.length / 3];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = s.leaves[3 * i + 1] - s.leaves[3 * i];
        }
        s.leaves = leaves;
        s.multiBias = null;
        s.scale = 1.75;
        s.bias = -0.125;
        s.info.put("params", CbmSpec.params("Logloss"));
        s.info.put("class_params", "{\"class_names\":[1,2],\"class_to_label\":[0,1],\"class_label_type\":\"Integer\"}");
        compare(s.toCbm(), probeRows(s, 2000, 6), "lily as 2-class Logloss, scale, bias");
    }

    @Test
    void randomModelsEqualCatBoosts() throws Exception {
        Random rnd = new Random(7);
        double max = 0;
        for (int m = 0; m < 60; m++) {
            int dim = m % 3 == 0 ? 1 : 2 + rnd.nextInt(4);
            CbmSpec s = CbmSpec.random(rnd, 1 + rnd.nextInt(12), rnd.nextInt(40), m % 5 == 0 ? 10 : 6, dim);
            if (m % 2 == 0) {
                s.scale = rnd.nextGaussian();
            }
            if (m % 4 == 1) {
                s.multiBias = new double[dim];
                for (int c = 0; c < dim; c++) {
                    s.multiBias[c] = rnd.nextGaussian();
                }
            } else if (dim == 1 && m % 4 == 3) {
                s.bias = rnd.nextGaussian();
            }
            max = Math.max(max, compare(s.toCbm(), probeRows(s, 300, m), "random model " + m));
        }
        System.out.println("[catboost-oracle] random models: max |raw difference| " + max);
    }
}
