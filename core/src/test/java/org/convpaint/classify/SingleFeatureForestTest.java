package org.convpaint.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.Random;

import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.junit.jupiter.api.Test;

class SingleFeatureForestTest {

    /** Two stumps on feature 0 with float64 thresholds 0.1 and 0.5. */
    private static RandomForest twoStumps() {
        return new RandomForest(1, new int[] {1, 2}, new int[] {0, 3},
                new int[] {0, ~0, ~1, 0, ~2, ~3},
                new float[] {RandomForest.floatThreshold(0.1), 0, 0, RandomForest.floatThreshold(0.5), 0, 0},
                new int[] {1, 0, 0, 4, 0, 0},
                new double[] {1.0, 0.0, 0.25, 0.75, 0.6, 0.4, 0.0, 1.0});
    }

    @Test
    void lookupEqualsWalkingTheTreesIncludingThresholdsInfinitiesAndNaN() {
        RandomForest forest = twoStumps();
        SingleFeatureForest table = SingleFeatureForest.of(forest);
        float t1 = RandomForest.floatThreshold(0.1);
        float t2 = RandomForest.floatThreshold(0.5);
        float[] xs = {Float.NEGATIVE_INFINITY, -3f, t1, Math.nextUp(t1), 0.3f, t2, Math.nextUp(t2), 7f,
            Float.POSITIVE_INFINITY, Float.NaN, 0.1f};
        double[] expected = new double[xs.length * 2];
        double[] got = new double[xs.length * 2];
        forest.predictProba(xs, xs.length, expected);
        table.predictProba(xs, xs.length, got);
        assertArrayEquals(expected, got);
    }

    @Test
    void columnsGiveTheForestsProbabilitiesClassMajorAtTheirOffsets() {
        RandomForest forest = twoStumps();
        SingleFeatureForest table = SingleFeatureForest.of(forest);
        Random rnd = new Random(9);
        float[] data = new float[500];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextGaussian() * 0.4 + 0.3);
        }
        data[123] = Float.NaN;
        int first = 17;
        int rows = 300;
        int stride = 320;
        double[] expected = new double[2 * stride + 5];
        double[] got = new double[2 * stride + 5];
        forest.predictProbaColumns(data, new int[] {100}, first, rows, expected, 5, stride);
        table.predictProbaColumns(data, new int[] {100}, first, rows, got, 5, stride);
        assertArrayEquals(expected, got);
    }

    /** The compact form of a real forest (only used features, renumbered) gives identical probabilities. */
    @Test
    void compactFormOfTheBundledForestGivesIdenticalProbabilities() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(Path.of("src/test/resources/testdata/m03_gauss_ms_o1_norm1.pkl"))) {
            RandomForest forest = (RandomForest) m.classifier();
            Random rnd = new Random(5);
            int rows = 20_000;
            float[] x = new float[rows * forest.numFeatures()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * 0.3 + 0.4);
            }
            PixelClassifier compact = forest.compact();
            int[] used = forest.usedFeatures();
            float[] packed = new float[rows * used.length];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < used.length; i++) {
                    packed[r * used.length + i] = x[r * forest.numFeatures() + used[i]];
                }
            }
            double[] a = new double[rows * forest.numClasses()];
            double[] b = new double[rows * forest.numClasses()];
            forest.predictProba(x, rows, a);
            compact.predictProba(packed, rows, b);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void aForestOfOneFeatureCompactsToTheTable() {
        assertInstanceOf(SingleFeatureForest.class, twoStumps().compact());
    }
}
