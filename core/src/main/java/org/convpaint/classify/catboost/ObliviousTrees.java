package org.convpaint.classify.catboost;

import java.util.Arrays;

/**
 * An ensemble of oblivious trees over float features, evaluated as CatBoost's CPU evaluator does: split {@code k}
 * of a tree is the float32 compare {@code x[feature] > border} (a NaN input compares false, or true where the
 * feature was trained with NaNs as the maximum: {@code NanValueTreatment AsTrue}) and sets bit {@code k} of the
 * leaf index; per row the leaf values of each approx dimension are summed in double, from zero, in tree order;
 * the raw value is {@code scale·sum + bias[dimension]}.
 *
 * <p>Immutable and safe for concurrent use. Instances are built by {@link CbmReader}, which validated every index
 * (split features, leaf offsets) against the arrays held here.
 */
public final class ObliviousTrees {
    /** Rows evaluated together tree by tree (their sums live in one small block). */
    private static final int BLOCK = 256;

    private final int numFeatures;
    private final int dimension;
    private final int[] depth;
    private final int[] leafOffset;
    private final int[] splitFeature;
    private final float[] splitBorder;
    private final boolean[] nanGoesRight;
    private final double[] leaves;
    private final double scale;
    private final double[] bias;

    ObliviousTrees(int numFeatures, int dimension, int[] depth, int[] leafOffset, int[] splitFeature,
            float[] splitBorder, boolean[] nanGoesRight, double[] leaves, double scale, double[] bias) {
        this.numFeatures = numFeatures;
        this.dimension = dimension;
        this.depth = depth;
        this.leafOffset = leafOffset;
        this.splitFeature = splitFeature;
        this.splitBorder = splitBorder;
        this.nanGoesRight = nanGoesRight;
        this.leaves = leaves;
        this.scale = scale;
        this.bias = bias;
    }

    /** Number of float features a row holds. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Raw values per row: 1 for Logloss, the number of classes for MultiClass. */
    public int dimension() {
        return dimension;
    }

    /** Number of trees. */
    public int numTrees() {
        return depth.length;
    }

    /** Indices of the features some split reads, ascending. */
    public int[] usedFeatures() {
        return Arrays.stream(splitFeature).distinct().sorted().toArray();
    }

    /** These trees reading only {@code used} features (ascending, a superset of {@link #usedFeatures()}), renumbered. */
    public ObliviousTrees remapped(int[] used) {
        int[] position = new int[numFeatures];
        Arrays.fill(position, -1);
        for (int i = 0; i < used.length; i++) {
            position[used[i]] = i;
        }
        int[] f = new int[splitFeature.length];
        for (int s = 0; s < f.length; s++) {
            f[s] = position[splitFeature[s]];
            if (f[s] < 0) {
                throw new IllegalArgumentException("feature " + splitFeature[s] + " is used but not kept");
            }
        }
        return new ObliviousTrees(used.length, dimension, depth, leafOffset, f, splitBorder, nanGoesRight, leaves,
                scale, bias);
    }

    /**
     * Raw values of rows whose features lie at {@code data[featureOffset[f] + base + r·stride]} for
     * {@code r = 0 .. rows-1}; row {@code r}'s value of dimension {@code c} goes to
     * {@code raw[rawOffset + r·dimension + c]}.
     *
     * @param featureOffset where each of the {@link #numFeatures()} features starts in {@code data}
     */
    public void rawValues(float[] data, int[] featureOffset, int base, int stride, int rows, double[] raw,
            int rawOffset) {
        if (featureOffset.length != numFeatures) {
            throw new IllegalArgumentException(featureOffset.length + " feature offsets for " + numFeatures);
        }
        int[] at = new int[splitFeature.length];
        for (int s = 0; s < at.length; s++) {
            at[s] = featureOffset[splitFeature[s]];
        }
        int[] index = new int[Math.min(rows, BLOCK)];
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            int m = Math.min(BLOCK, rows - r0);
            int out = rawOffset + r0 * dimension;
            Arrays.fill(raw, out, out + m * dimension, 0.0);
            int first = base + r0 * stride;
            int s = 0;
            for (int t = 0; t < depth.length; t++) {
                Arrays.fill(index, 0, m, 0);
                for (int k = 0; k < depth[t]; k++, s++) {
                    int p = at[s] + first;
                    float border = splitBorder[s];
                    int bit = 1 << k;
                    // branch-free (the compares are unpredictable): a conditional move per row
                    if (nanGoesRight[s]) {
                        for (int r = 0; r < m; r++, p += stride) {
                            float v = data[p];
                            index[r] |= v > border || v != v ? bit : 0;
                        }
                    } else {
                        for (int r = 0; r < m; r++, p += stride) {
                            index[r] |= data[p] > border ? bit : 0;
                        }
                    }
                }
                addLeaves(leafOffset[t], index, m, raw, out);
            }
            for (int i = out; i < out + m * dimension; i += dimension) {
                for (int c = 0; c < dimension; c++) {
                    raw[i + c] = scale * raw[i + c] + bias[c];
                }
            }
        }
    }

    private void addLeaves(int offset, int[] index, int m, double[] raw, int out) {
        if (dimension == 1) {
            for (int r = 0; r < m; r++) {
                raw[out + r] += leaves[offset + index[r]];
            }
            return;
        }
        for (int r = 0, o = out; r < m; r++, o += dimension) {
            int leaf = offset + index[r] * dimension;
            for (int c = 0; c < dimension; c++) {
                raw[o + c] += leaves[leaf + c];
            }
        }
    }
}
