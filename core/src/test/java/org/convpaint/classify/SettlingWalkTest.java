package org.convpaint.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SettlingWalkTest {
    private static final float[] VALUES = {-0.0f, 0.0f, 1.0f, -2.5f, 0.1f, Math.nextUp(0.1f), Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.7f, -0.3f, 2f};

    /** A plain walk of every tree: the sums in tree order, divided, then numpy's argmax. */
    private static int expectedClass(ForestBuilder b, double[] proba, int k, float[] x) {
        double[] sum = new double[k];
        for (int root : b.roots) {
            int node = root;
            while (b.feature.get(node) >= 0) {
                node = x[b.feature.get(node)] <= b.threshold.get(node) ? b.left.get(node) : b.left.get(node) + 1;
            }
            for (int c = 0; c < k; c++) {
                sum[c] += proba[~b.feature.get(node) * k + c];
            }
        }
        int best = 0;
        for (int c = 0; c < k; c++) {
            sum[c] /= b.roots.size();
            if (Double.isNaN(sum[c])) {
                return c;
            }
            if (sum[c] > sum[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Leaf fractions: one class each (1), normalised random ones (2), raw ones in [0, 1/3) (3), beyond [0, 1] (4). */
    private static double[] fractions(Random rnd, int leaves, int k, int kind) {
        double[] p = new double[leaves * k];
        for (int l = 0; l < leaves; l++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[l * k + c] = switch (kind) {
                    case 1 -> c == rnd.nextInt(k) ? 1 : 0;
                    case 4 -> rnd.nextGaussian() * 3;
                    default -> rnd.nextDouble() / 3;
                };
                sum += p[l * k + c];
            }
            for (int c = 0; kind == 2 && c < k; c++) {
                p[l * k + c] /= sum;
            }
        }
        return p;
    }

    @Test
    void classIndicesAreTheArgmaxOfTheProbabilitiesWalkedOrCompiled() {
        Random rnd = new Random(17);
        float[] thresholds = {0.0f, -0.0f, 0.1f, 1.0f, -2.5f, 0.5f, -0.3f};
        for (int k = 1; k <= 5; k++) {
            for (int trees : new int[] {1, 2, 9, 60, 101}) {
                for (int kind = 1; kind <= 4; kind++) {
                    ForestBuilder b = new ForestBuilder();
                    for (int t = 0; t < trees; t++) {
                        b.tree(rnd, 2 + rnd.nextInt(3), 0.8, 4, thresholds);
                    }
                    double[] proba = fractions(rnd, b.leaves, k, kind);
                    RandomForest forest = b.build(4, proba);
                    assertNotNull(forest.compiledTrees(), "the JVM took the generated class");
                    int rows = 1 + rnd.nextInt(300);
                    int first = 3;
                    int n = first + rows + 2;
                    float[] stack = new float[4 * n];
                    for (int i = 0; i < stack.length; i++) {
                        stack[i] = VALUES[rnd.nextInt(VALUES.length)];
                    }
                    int[] expected = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        float[] x = {stack[first + r], stack[n + first + r], stack[2 * n + first + r],
                            stack[3 * n + first + r]};
                        expected[r] = expectedClass(b, proba, k, x);
                    }
                    String what = k + " classes, " + trees + " trees, fractions " + kind;
                    for (boolean compiled : new boolean[] {false, true}) {
                        int[] got = new int[rows + 1];
                        forest.bindClassIndices(stack, new int[] {0, n, 2 * n, 3 * n}, compiled)
                                .classIndices(first, rows, got, 1);
                        assertArrayEquals(expected, Arrays.copyOfRange(got, 1, rows + 1),
                                what + (compiled ? ", compiled" : ""));
                    }
                }
            }
        }
    }

    /** 100 stumps on feature 0: the first {@code a} send x ≤ 0 to class 1 (of 0, 1), the others to class 0. */
    private static RandomForest votes(int a, int trees, int featureOfLater) {
        ForestBuilder b = new ForestBuilder();
        double[] proba = new double[2 * trees * 2];
        for (int t = 0; t < trees; t++) {
            b.stump(t < a ? 0 : featureOfLater, 0f);
            int leftLeaf = 2 * t;
            proba[leftLeaf * 2 + (t < a ? 1 : 0)] = 1;
            proba[(leftLeaf + 1) * 2] = 1;
        }
        return b.build(2, proba);
    }

    @Test
    void aLeadNoGreaterThanTheTreesLeftIsNotSettled() {
        // 50 trees for class 1, then 50 for class 0: after 51 trees class 1 leads by 49 with 49 trees left, and the
        // final tie goes to class 0
        RandomForest forest = votes(50, 100, 0);
        float[] x = {-1f, 0f};
        for (boolean compiled : new boolean[] {false, true}) {
            int[] got = new int[1];
            forest.bindClassIndices(x, new int[] {0, 1}, compiled).classIndices(0, 1, got, 0);
            assertEquals(0, got[0]);
        }
        // one more tree for class 1 wins
        int[] got = new int[1];
        votes(51, 100, 0).bindClassIndices(x, new int[] {0, 1}, false).classIndices(0, 1, got, 0);
        assertEquals(1, got[0]);
    }

    @Test
    void settledPixelsSkipTheTreesLeft() {
        // the first 60 trees vote for class 1 where x ≤ 0 and for class 0 elsewhere, so every pixel is settled after
        // 51 trees; the last 40 read feature 1, whose column lies beyond the data
        int pixels = 700;
        float[] data = new float[pixels + 1];
        for (int i = 0; i < pixels; i++) {
            data[i] = i % 3 == 0 ? 1f : -1f;
        }
        RandomForest forest = votes(60, 100, 1);
        for (boolean compiled : new boolean[] {false, true}) {
            int[] got = new int[pixels];
            forest.bindClassIndices(data, new int[] {0, 1 << 20}, compiled).classIndices(0, pixels, got, 0);
            for (int i = 0; i < pixels; i++) {
                assertEquals(i % 3 == 0 ? 0 : 1, got[i], "pixel " + i);
            }
            // the probabilities need every tree
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> forest.bind(data, new int[] {0, 1 << 20},
                    compiled).predictProba(0, pixels, new double[2 * pixels], 0, pixels));
        }
    }

    @Test
    void leafFractionsBeyondZeroAndOneSettleNothing() {
        double[] reach = SettlingWalk.reach(new int[] {0, 1}, new int[] {~0, ~1}, new double[] {0, 1.5, 0, 1}, 2);
        assertTrue(Double.isInfinite(reach[0]) && Double.isInfinite(reach[1]) && reach[2] == 0);
        double[] plain = SettlingWalk.reach(new int[] {0, 3}, new int[] {0, ~0, ~1, ~2}, new double[] {0.25, 0.75,
            1, 0, 0.5, 0.5}, 2);
        assertArrayEquals(new double[] {1.0, 0.0, 0.0}, plain);
    }

    @Test
    void theDefaultIsTheArgmaxOfTheProbabilities() {
        // a single-feature forest (a lookup table) keeps PixelClassifier's default
        PixelClassifier table = SingleFeatureForest.of(new ForestBuilder().stump(0, 0.5f).build(1,
                new double[] {0.2, 0.8, 0.5, 0.5}));
        float[] x = {0.5f, 0.6f, Float.NaN, -3f};
        int[] got = new int[4];
        table.bindClassIndices(x, new int[] {0}).classIndices(0, 4, got, 0);
        assertArrayEquals(new int[] {1, 0, 0, 1}, got);
    }
}
