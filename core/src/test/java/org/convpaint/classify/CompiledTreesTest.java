package org.convpaint.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.junit.jupiter.api.Test;

class CompiledTreesTest {

    /** The columns path (compiled trees) against the row-major walk, for {@code rows} pixels from {@code values}. */
    private static void assertColumnsMatchWalk(RandomForest forest, Random rnd, float[] values, int rows) {
        int f = forest.numFeatures();
        int k = forest.numClasses();
        float[] x = new float[rows * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[rnd.nextInt(values.length)];
        }
        double[] expected = new double[rows * k];
        forest.predictProba(x, rows, expected);
        int first = 5;
        int n = rows + first + 2;
        float[] stack = new float[f * n];
        int[] columns = new int[f];
        for (int i = 0; i < f; i++) {
            columns[i] = i * n;
            for (int r = 0; r < rows; r++) {
                stack[i * n + first + r] = x[r * f + i];
            }
        }
        double[] got = new double[k * rows];
        forest.bind(stack, columns, true).predictProba(first, rows, got, 0, rows);
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < rows; r++) {
                // bit for bit, as a long: equal values, not merely close ones
                assertEquals(Double.doubleToRawLongBits(expected[r * k + c]),
                        Double.doubleToRawLongBits(got[c * rows + r]), "class " + c + " pixel " + r);
            }
        }
    }

    @Test
    void columnsAreWalkedUntilCompilingPays() {
        Random rnd = new Random(2);
        ForestBuilder b = new ForestBuilder();
        b.tree(rnd, 3, 1.0, 2, new float[] {0.5f, -1f});
        RandomForest forest = b.build(rnd, 2, 2);
        int rows = 100_000;
        float[] stack = ForestBuilder.gaussians(rnd, 2 * rows);
        int[] columns = {0, rows};
        double[] out = new double[2 * rows];
        for (long done = 0; done < RandomForest.COMPILE_AFTER; done += rows) {
            assertTrue(!forest.compiles(), "compiled after " + done + " pixels");
            forest.bindColumns(stack, columns).predictProba(0, rows, out, 0, rows);
        }
        double[] compiled = new double[2 * rows];
        forest.bindColumns(stack, columns).predictProba(0, rows, compiled, 0, rows);
        assertTrue(forest.compiles());
        org.junit.jupiter.api.Assertions.assertArrayEquals(out, compiled);
    }

    @Test
    void aLongRunAnnouncedCompilesFromItsFirstPixels() {
        Random rnd = new Random(4);
        RandomForest forest = new ForestBuilder().tree(rnd, 3, 1.0, 2, new float[] {0.5f, -1f}).build(rnd, 2, 2);
        float[] stack = {0.2f, 0.7f, -3f, 1f};
        double[] out = new double[4];
        forest.expect(RandomForest.COMPILE_AFTER - 1);
        forest.bindColumns(stack, new int[] {0, 2}).predictProba(0, 2, out, 0, 2);
        assertTrue(!forest.compiles(), "a short run walks");
        forest.expect(RandomForest.COMPILE_AFTER);
        forest.bindClassIndices(stack, new int[] {0, 2}).classIndices(0, 2, new int[2], 0);
        assertTrue(forest.compiles());
    }

    @Test
    void bundledForestIsCompiledWhole() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(Path.of("src/test/resources/testdata/m03_gauss_ms_o1_norm1.pkl"))) {
            RandomForest forest = (RandomForest) m.classifier();
            CompiledTrees code = forest.compiledTrees();
            assertNotNull(code, "the JVM took the generated class");
            assertEquals(forest.numTrees(), code.count());
            assertTrue(forest.compiledTrees() == code, "made once");
        }
    }

    @Test
    void compiledTreesCompareLikeTheWalkOnSignedZerosInfinitiesNaNsAndNeighbours() {
        Random rnd = new Random(11);
        float[] thresholds = {-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            1.0f, -2.5f, 0.1f, Math.nextUp(0.1f), 1e-30f};
        List<Float> values = new ArrayList<>();
        for (float t : thresholds) {
            values.add(t);
            values.add(Math.nextUp(t));
            values.add(Math.nextDown(t));
        }
        values.addAll(List.of(Float.NaN, Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
        float[] pool = new float[values.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = values.get(i);
        }
        ForestBuilder b = new ForestBuilder();
        for (int t = 0; t < 40; t++) {
            b.tree(rnd, 6, 0.8, 5, thresholds);
        }
        RandomForest forest = b.build(rnd, 5, 3);
        assertEquals(40, forest.compiledTrees().count());
        for (int rows : new int[] {1, 255, 256, 257, 600}) {
            assertColumnsMatchWalk(forest, rnd, pool, rows);
        }
    }

    @Test
    void treesTooLargeForOneMethodAreWalkedBesideTheCompiledOnes() {
        Random rnd = new Random(5);
        float[] thresholds = ForestBuilder.gaussians(rnd, 64);
        ForestBuilder b = new ForestBuilder();
        b.tree(rnd, 4, 0.9, 12, thresholds);
        b.tree(rnd, 14, 1.0, 12, thresholds); // 32 767 nodes: walked
        b.tree(rnd, 4, 0.9, 12, thresholds);
        RandomForest forest = b.build(rnd, 12, 4);
        CompiledTrees code = forest.compiledTrees();
        assertEquals(2, code.count());
        assertTrue(code.covers(0) && !code.covers(1) && code.covers(2));
        float[] values = ForestBuilder.gaussians(rnd, 200);
        assertColumnsMatchWalk(forest, rnd, values, 700);
    }

    @Test
    void largeForestsUseWideConstantsSeveralDispatchPartsAndANodeBudget() {
        // 1200 small trees: > 256 trees per dispatch part, > 32 767 leaf offsets (ldc of ints), thousands of
        // distinct thresholds (ldc_w); past 20 000 nodes the rest is walked
        Random rnd = new Random(3);
        float[] thresholds = ForestBuilder.gaussians(rnd, 5000);
        ForestBuilder b = new ForestBuilder();
        for (int t = 0; t < 1200; t++) {
            b.tree(rnd, 5, 0.85, 30, thresholds);
        }
        RandomForest forest = b.build(rnd, 30, 3);
        assertTrue(b.leaves * 3 > Short.MAX_VALUE, "leaf offsets beyond sipush");
        CompiledTrees code = forest.compiledTrees();
        assertTrue(code.count() > 512 && code.count() < 1200, code.count() + " trees compiled");
        int compiledNodes = 0;
        for (int t = 0; t < 1200; t++) {
            if (code.covers(t)) {
                compiledNodes += (t + 1 < 1200 ? b.roots.get(t + 1) : b.feature.size()) - b.roots.get(t);
            }
        }
        assertTrue(compiledNodes <= CompiledTrees.NODES);
        float[] values = ForestBuilder.gaussians(rnd, 300);
        assertColumnsMatchWalk(forest, rnd, values, 300);
    }
}
