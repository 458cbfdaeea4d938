package org.convpaint.classify;

import java.util.Arrays;

/**
 * A {@link RandomForest}'s winning class per pixel over feature columns, each pixel's trees walked only until its
 * winner is settled. The trees are walked in order and each pixel's leaf fractions summed in float64 in tree order
 * from zero, exactly as for its probabilities. After tree {@code t}, a pixel whose leading class leads every other
 * by more than the trees still to come can take from a lead ({@link #reach}, plus a slack far above rounding)
 * keeps that class: no later tree can change the argmax. The others go on to the last tree and are labelled by
 * {@link ClassArgmax} of their sums divided by the number of trees, as their probabilities would be. So the result
 * is always {@code ClassArgmax} of {@link RandomForest}'s probabilities. Of the trees the forest has compiled
 * ({@link CompiledTrees}), those before the first look run as bytecode; all others are walked. Immutable and
 * thread-safe.
 *
 * <p>On VGG16 features of noisy 301×257 images (100 trees, 3 classes), pixels are settled after 60–70 trees on
 * average; walked, a pixel then costs about 25 % less, since the pixels settled early are the easy ones.
 */
final class SettlingWalk implements PixelClassifier.BoundClasses {
    private static final int BLOCK_ROWS = 256;
    /** Pixels per block with compiled trees (see {@code RandomForest.COMPILED_BLOCK_ROWS}). */
    private static final int COMPILED_BLOCK_ROWS = 64;
    /** Trees walked between two looks at which pixels are settled. */
    private static final int GROUP = 4;
    /**
     * Added to the reach: a lead must exceed the reach by this much. The sums (at most a few hundred) are exact to
     * about 1e-13, so the winner's final probability is also distinct after the division and any rounding to float.
     */
    static final double SLACK = 1e-6;

    private final float[] data;
    private final int[] columns;
    private final int[] nodes;
    private final int[] roots;
    private final double[] leafProba;
    private final int k;
    private final double[] reach;
    private final int firstLook;
    private final CompiledTrees code;
    private final int blockRows;

    /**
     * @param columns   offset in {@code data} of each feature's column
     * @param nodes     the forest's packed nodes with each feature index replaced by its column's offset in
     *                  {@code data}: per node {feature or ~leaf, float bits of the threshold, 3 × left child}
     * @param roots     root node of each tree (node index, not ×3)
     * @param leafProba {@code leafCount × k} leaf fractions
     * @param reach     {@code reach[t]}: the most that trees {@code t, t+1, …} together can lower a class's lead
     *                  over another ({@link #reach}); {@code trees + 1} entries
     * @param code      the forest's compiled trees, which then evaluate the trees they cover, or null
     */
    SettlingWalk(float[] data, int[] columns, int[] nodes, int[] roots, double[] leafProba, int k, double[] reach,
            CompiledTrees code) {
        this.data = data;
        this.columns = columns;
        this.nodes = nodes;
        this.roots = roots;
        this.leafProba = leafProba;
        this.k = k;
        this.reach = reach;
        // before half of the trees are walked no lead can be settled when each tree may swing it by as much
        this.firstLook = Math.max(1, Math.min(roots.length, roots.length / 2 + 1));
        this.code = code;
        this.blockRows = code == null ? BLOCK_ROWS : COMPILED_BLOCK_ROWS;
    }

    /**
     * Per tree start {@code t} (and {@code trees}, where it is 0): the sum over trees {@code u ≥ t} of the largest
     * difference between two class fractions of one of u's leaves. Infinite everywhere but at the end (nothing is
     * settled) unless every fraction lies in [0, 1], as normalised counts do: only then are the sums small enough
     * for {@link #SLACK} to cover their rounding.
     */
    static double[] reach(int[] roots, int[] feature, double[] leafProba, int k) {
        int trees = roots.length;
        double[] reach = new double[trees + 1];
        for (double v : leafProba) {
            if (!(v >= 0 && v <= 1)) {
                Arrays.fill(reach, 0, trees, Double.POSITIVE_INFINITY);
                return reach;
            }
        }
        for (int t = trees - 1; t >= 0; t--) {
            int end = t + 1 < trees ? roots[t + 1] : feature.length;
            double swing = 0;
            for (int i = roots[t]; i < end; i++) {
                if (feature[i] < 0) {
                    int o = ~feature[i] * k;
                    double lo = leafProba[o];
                    double hi = lo;
                    for (int c = 1; c < k; c++) {
                        lo = Math.min(lo, leafProba[o + c]);
                        hi = Math.max(hi, leafProba[o + c]);
                    }
                    swing = Math.max(swing, hi - lo);
                }
            }
            reach[t] = reach[t + 1] + swing;
        }
        return reach;
    }

    @Override
    public void classIndices(int first, int rows, int[] out, int outOffset) {
        int trees = roots.length;
        // blocks of about blockRows pixels, all of about the same size (257 pixels: 4 of 64 or 65, not 4 and 1)
        int blocks = Math.max(1, Math.round(rows / (float) blockRows));
        int bm = (rows + blocks - 1) / blocks;
        double[] sums = new double[bm * k];
        int[] active = new int[bm];
        int[] leaves = new int[Math.max(firstLook, GROUP) * bm];
        double[] p = new double[k];
        for (int start = 0; start < rows; start += bm) {
            int m = Math.min(rows, start + bm) - start;
            Arrays.fill(sums, 0, m * k, 0.0);
            for (int r = 0; r < m; r++) {
                active[r] = r;
            }
            int na = m;
            int base = first + start;
            for (int t0 = 0; t0 < trees && na > 0;) {
                int t1 = t0 == 0 ? firstLook : Math.min(trees, t0 + GROUP);
                walk(t0, t1, active, na, base, leaves);
                add(t0, t1, active, na, leaves, sums);
                if (t1 < trees) {
                    na = settle(sums, active, na, reach[t1] + SLACK, out, outOffset + start);
                }
                t0 = t1;
            }
            // every tree walked: the argmax of the probabilities themselves
            double n = trees;
            for (int j = 0; j < na; j++) {
                int r = active[j];
                for (int c = 0; c < k; c++) {
                    p[c] = sums[r * k + c] / n;
                }
                out[outOffset + start + r] = ClassArgmax.of(p, k, 1, 0);
            }
        }
    }

    /** Trees [t0, t1): each active pixel's leaf ({@code ~leaf·k}) to {@code leaves[(t − t0)·na + j]}. */
    private void walk(int t0, int t1, int[] active, int na, int base, int[] leaves) {
        for (int t = t0; t < t1; t++) {
            int root = 3 * roots[t];
            int at = (t - t0) * na;
            // compiled code for the first trees only: the later ones, walked only for the pixels still open, then
            // never run as bytecode and cost the JIT nothing (as fast overall, on VGG16 features)
            if (code != null && t < firstLook && code.covers(t)) {
                code.leaves(t, data, columns, base, active, na, leaves, at);
            } else {
                RandomForest.walkTree(data, nodes, root, base, active, na, leaves, at, k);
            }
        }
    }

    /** The leaf fractions of trees [t0, t1) added to each active pixel's sums, in tree order. */
    private void add(int t0, int t1, int[] active, int na, int[] leaves, double[] sums) {
        double[] lp = leafProba;
        int g = t1 - t0;
        if (k == 2 || k == 3) {
            addTwoOrThree(g, active, na, leaves, sums);
            return;
        }
        for (int j = 0; j < na; j++) {
            int o = active[j] * k;
            for (int c = 0; c < k; c++) {
                double s = sums[o + c];
                for (int u = 0, at = j; u < g; u++, at += na) {
                    s += lp[leaves[at] + c];
                }
                sums[o + c] = s;
            }
        }
    }

    /** {@link #add} for two or three classes: each leaf read once, the classes' sums in registers. */
    private void addTwoOrThree(int g, int[] active, int na, int[] leaves, double[] sums) {
        double[] lp = leafProba;
        boolean three = k == 3;
        for (int j = 0; j < na; j++) {
            int o = active[j] * k;
            double s0 = sums[o];
            double s1 = sums[o + 1];
            double s2 = three ? sums[o + 2] : 0;
            for (int u = 0, at = j; u < g; u++, at += na) {
                int l = leaves[at];
                s0 += lp[l];
                s1 += lp[l + 1];
                if (three) {
                    s2 += lp[l + 2];
                }
            }
            sums[o] = s0;
            sums[o + 1] = s1;
            if (three) {
                sums[o + 2] = s2;
            }
        }
    }

    /**
     * Pixels whose leading class leads every other by more than {@code margin}: that class to {@code out}; the
     * others stay active (compacted to the front, in order). Returns their number.
     */
    private int settle(double[] sums, int[] active, int na, double margin, int[] out, int outOffset) {
        int kept = 0;
        for (int j = 0; j < na; j++) {
            int r = active[j];
            int o = r * k;
            int best = 0;
            double top = sums[o];
            double second = Double.NEGATIVE_INFINITY;
            for (int c = 1; c < k; c++) {
                double v = sums[o + c];
                if (v > top) {
                    second = top;
                    top = v;
                    best = c;
                } else if (v > second) {
                    second = v;
                }
            }
            if (top - second > margin) {
                out[outOffset + r] = best;
            } else {
                active[kept++] = r;
            }
        }
        return kept;
    }
}
