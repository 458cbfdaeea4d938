package org.convpaint.classify;

import java.util.Arrays;

/**
 * A RandomForest classifier on flat arrays, evaluated exactly as sklearn's {@code predict_proba}: the float32
 * feature is compared with the float64 threshold ({@code x <= threshold} goes left), each tree contributes its
 * leaf's normalised class counts, contributions are summed in float64 in tree order starting from zero and the
 * sum is divided by the number of trees.
 *
 * <p>Layout: all trees share one node array. A node's children are adjacent ({@code right = left + 1}), leaves
 * carry {@code ~leafIndex} in {@code feature}, and thresholds are stored as the largest float32 not above the
 * float64 threshold, which gives the same comparison for every float32 input. Rows are evaluated in blocks: tree
 * by tree, each pixel's leaf is recorded (the walk loop does nothing else), then each pixel's leaf fractions are
 * summed, several pixels at a time. Over feature columns ({@link #bindColumns}), once the forest has evaluated
 * {@value #COMPILE_AFTER} pixels, the trees small enough run as JVM bytecode made for this forest
 * ({@link CompiledTrees}) and the others are walked. When only the winning classes are wanted
 * ({@link #bindClassIndices}), each pixel's trees stop once its class is settled ({@link SettlingWalk}).
 * Thread-safe; the results never depend on which path ran.
 */
public final class RandomForest implements PixelClassifier {
    private static final int BLOCK_ROWS = 256;
    /**
     * Pixels per call of the compiled trees: HotSpot then compiles each tree's method whole (after 600 calls)
     * before its loop has run the 40 000 times that would also have it compile the loop alone (on-stack
     * replacement), which doubled the JIT's work.
     */
    private static final int COMPILED_BLOCK_ROWS = 64;
    /**
     * Pixels walked before the trees are compiled, unless a run of at least as many is announced
     * ({@link #expect}): the JIT's work on them (about 13 ms of a compiler thread per small tree, and until then
     * they run as slower profiling code) pays only over long runs. Compiled from the start, VGG16's 100 trees made
     * one 2048² image about 17 % (downsample 1, 4 M pixels) and 15 % (downsample 2) slower, while a folder of 100
     * noisy 301×257 images (7.7 M pixels) ran 23 % faster; so a run compiles once it has evaluated more than one
     * 2048² image.
     */
    static final long COMPILE_AFTER = 5_000_000;

    private final int numFeatures;
    private final int[] classes;
    private final int[] roots;
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final double[] leafProba;
    /** Per node {feature or ~leaf, float bits of the threshold, left child}: one cache line per visit. */
    private final int[] packed;
    /** The trees as bytecode, made once compiling is due ({@link #COMPILE_AFTER}); {@link #NOT_COMPILED} if none is. */
    private volatile Object compiled;
    /** {@link SettlingWalk#reach}, made on first use (racy but idempotent). */
    private volatile double[] reach;
    /** {@link #compact()}, made on its first call. */
    private volatile PixelClassifier compacted;
    /** Whether a run of at least {@link #COMPILE_AFTER} pixels was announced ({@link #expect}). */
    private volatile boolean longRun;
    /** Pixels evaluated so far by the walk over columns (see {@link #COMPILE_AFTER}). */
    private final java.util.concurrent.atomic.LongAdder walked = new java.util.concurrent.atomic.LongAdder();
    private static final Object NOT_COMPILED = new Object();

    /**
     * @param numFeatures number of features per row
     * @param classes     class values in column order
     * @param roots       root node of each tree, in tree order
     * @param feature     per node: feature index, or {@code ~leafIndex} for a leaf
     * @param threshold   per node: float32 threshold (see class comment)
     * @param left        per node: index of the left child; the right child is {@code left + 1}
     * @param leafProba   {@code leafCount × classes.length} normalised class fractions
     */
    RandomForest(int numFeatures, int[] classes, int[] roots, int[] feature, float[] threshold, int[] left,
            double[] leafProba) {
        this.numFeatures = numFeatures;
        this.classes = classes.clone();
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.leafProba = leafProba;
        this.packed = new int[feature.length * 3];
        for (int i = 0; i < feature.length; i++) {
            packed[3 * i] = feature[i];
            packed[3 * i + 1] = Float.floatToRawIntBits(threshold[i]);
            packed[3 * i + 2] = 3 * left[i];
        }
    }

    /** The float32 threshold equivalent to comparing a float32 value with the float64 {@code t}. */
    static float floatThreshold(double t) {
        float f = (float) t;
        return (double) f > t ? Math.nextDown(f) : f;
    }

    @Override
    public String name() {
        return "RandomForest";
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public int numClasses() {
        return classes.length;
    }

    @Override
    public int[] usedFeatures() {
        return java.util.Arrays.stream(feature).filter(f -> f >= 0).distinct().sorted().toArray();
    }

    /**
     * This forest reading only {@link #usedFeatures()}: feature indices renumbered to their position there; a
     * forest reading a single feature becomes an exact lookup table ({@link SingleFeatureForest}).
     */
    @Override
    public PixelClassifier compact() {
        PixelClassifier c = compacted;
        if (c == null) {
            // made once: the compact forest keeps its compiled trees ({@link #compiledTrees}) across calls
            synchronized (this) {
                c = compacted;
                if (c == null) {
                    c = makeCompact();
                    compacted = c;
                }
            }
        }
        return c;
    }

    private PixelClassifier makeCompact() {
        int[] used = usedFeatures();
        if (used.length == 1) {
            return SingleFeatureForest.of(used.length == numFeatures ? this : remapped(used));
        }
        if (used.length == numFeatures) {
            return this;
        }
        return remapped(used);
    }

    private RandomForest remapped(int[] used) {
        int[] position = new int[numFeatures];
        for (int i = 0; i < used.length; i++) {
            position[used[i]] = i;
        }
        int[] remapped = new int[feature.length];
        for (int i = 0; i < feature.length; i++) {
            remapped[i] = feature[i] >= 0 ? position[feature[i]] : feature[i];
        }
        return new RandomForest(used.length, classes, roots, remapped, threshold, left, leafProba);
    }

    /** Distinct float thresholds over all trees, ascending. */
    float[] thresholds() {
        float[] t = new float[feature.length];
        int n = 0;
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] >= 0) {
                t[n++] = threshold[i];
            }
        }
        return sortedDistinct(t, n);
    }

    private static float[] sortedDistinct(float[] t, int n) {
        float[] s = Arrays.copyOf(t, n);
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || s[i] != s[m - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    /** Number of trees. */
    public int numTrees() {
        return roots.length;
    }

    /** Total number of nodes over all trees. */
    public int numNodes() {
        return feature.length;
    }

    @Override
    public void predictProba(float[] features, int rows, double[] out) {
        int k = classes.length;
        if (features.length < (long) rows * numFeatures || out.length < (long) rows * k) {
            throw new IllegalArgumentException("feature or output block too small for " + rows + " rows");
        }
        // row r's feature f is at r·numFeatures + f: the packed feature indices are already the offsets
        walk(features, packed, 0, numFeatures, rows, out, 0, 1, k);
    }

    /** Walks the trees reading the feature columns directly (no gathering of rows). */
    @Override
    public void predictProbaColumns(float[] data, int[] columns, int first, int rows, double[] out, int outOffset,
            int outStride) {
        bindColumns(data, columns).predictProba(first, rows, out, outOffset, outStride);
    }

    /** The nodes relocated to the columns once (a copy of all nodes), then walked for each run of pixels. */
    @Override
    public BoundColumns bindColumns(float[] data, int[] columns) {
        return bind(data, columns, compileDue());
    }

    /** Compiles the trees for the next binds once a run of at least {@link #COMPILE_AFTER} pixels is announced. */
    @Override
    public void expect(long pixels) {
        if (pixels >= COMPILE_AFTER) {
            longRun = true;
        }
    }

    private boolean compileDue() {
        return longRun || walked.sum() >= COMPILE_AFTER;
    }

    /** {@link #bindColumns} with the compiled trees (if {@code compile} and any fit) or with the walk alone. */
    BoundColumns bind(float[] data, int[] columns, boolean compile) {
        int[] nodes = relocated(columns);
        CompiledTrees code = compile ? compiledTrees() : null;
        if (code == null) {
            return (first, rows, out, outOffset, outStride) -> {
                walk(data, nodes, first, 1, rows, out, outOffset, outStride, 1);
                walked.add(rows);
            };
        }
        return (first, rows, out, outOffset, outStride) -> walkCompiled(code, data, columns, nodes, first, rows,
                out, outOffset, outStride);
    }

    /**
     * Each pixel's trees evaluated only until its class is settled ({@link SettlingWalk}), with the compiled trees
     * once they are made ({@link #COMPILE_AFTER}).
     */
    @Override
    public BoundClasses bindClassIndices(float[] data, int[] columns) {
        return bindClassIndices(data, columns, compileDue());
    }

    /** {@link #bindClassIndices} with the compiled trees (if {@code compile} and any fit) or the walk alone. */
    BoundClasses bindClassIndices(float[] data, int[] columns, boolean compile) {
        CompiledTrees code = compile ? compiledTrees() : null;
        SettlingWalk walk = new SettlingWalk(data, columns, relocated(columns), roots, leafProba, classes.length,
                reach(), code);
        if (code != null) {
            return walk;
        }
        return (first, rows, out, outOffset) -> {
            walk.classIndices(first, rows, out, outOffset);
            walked.add(rows);
        };
    }

    /** The packed nodes with each feature index replaced by where its column starts in data (leaves unchanged). */
    private int[] relocated(int[] columns) {
        if (columns.length != numFeatures) {
            throw new IllegalArgumentException(columns.length + " columns for a forest of " + numFeatures);
        }
        int[] nodes = packed.clone();
        for (int i = 0; i < nodes.length; i += 3) {
            if (nodes[i] >= 0) {
                nodes[i] = columns[nodes[i]];
            }
        }
        return nodes;
    }

    /** {@link SettlingWalk#reach} of this forest, made on first use. */
    private double[] reach() {
        double[] r = reach;
        if (r == null) {
            r = SettlingWalk.reach(roots, feature, leafProba, classes.length);
            reach = r;
        }
        return r;
    }

    /** Whether the compiled trees have been made (or found not to fit). */
    boolean compiles() {
        return compiled != null;
    }

    /**
     * The compiled trees of this forest, made once ({@link CompiledTrees#of}) whatever has been walked; {@code null}
     * when none is.
     */
    CompiledTrees compiledTrees() {
        Object c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    CompiledTrees made = CompiledTrees.of(roots, feature, threshold, left, classes.length);
                    c = made == null ? NOT_COMPILED : made;
                    compiled = c;
                }
            }
        }
        return c == NOT_COMPILED ? null : (CompiledTrees) c;
    }

    /**
     * {@link #walk} over columns (stride 1) with the compiled trees' leaves from their bytecode and only the
     * others walked.
     */
    private void walkCompiled(CompiledTrees code, float[] data, int[] columns, int[] nodes, int first, int rows,
            double[] out, int outOffset, int classStride) {
        int k = classes.length;
        int trees = roots.length;
        int[] leaves = new int[trees * Math.min(rows, COMPILED_BLOCK_ROWS)];
        int[] index = CompiledTrees.identity(Math.min(rows, COMPILED_BLOCK_ROWS));
        for (int start = 0; start < rows; start += COMPILED_BLOCK_ROWS) {
            int m = Math.min(rows, start + COMPILED_BLOCK_ROWS) - start;
            for (int t = 0; t < trees; t++) {
                if (code.covers(t)) {
                    code.leaves(t, data, columns, first + start, index, m, leaves, t * m);
                } else {
                    walkTree(data, nodes, 3 * roots[t], first + start, index, m, leaves, t * m, k);
                }
            }
            LeafSums.sum(leafProba, k, trees, leaves, m, out, outOffset + start, classStride, 1);
        }
    }

    /**
     * One tree's leaves ({@code ~leaf·k}) for pixels {@code base + index[j]}, {@code j < m}, to
     * {@code leaves[at + j]}: the node loop of {@link #walk} for pixels picked by an index (the compiled trees'
     * contract, {@link LeafKernel}).
     */
    static void walkTree(float[] data, int[] nodes, int root, int base, int[] index, int m, int[] leaves, int at,
            int k) {
        for (int j = 0; j < m; j++) {
            int b = base + index[j];
            int node = root;
            int f;
            while ((f = nodes[node]) >= 0) {
                float th = Float.intBitsToFloat(nodes[node + 1]);
                node = nodes[node + 2] + (data[f + b] <= th ? 0 : 3);
            }
            leaves[at + j] = ~f * k;
        }
    }

    /**
     * The evaluation: pixel {@code r}'s value of a node's feature is {@code data[feature + first + r·stride]} where
     * {@code feature} is what {@code nodes} holds in place of the feature index; class {@code c} of pixel {@code r}
     * goes to {@code out[outOffset + c·classStride + r·pixelStride]}. Blocks of pixels, tree by tree; per pixel the
     * leaf fractions are summed in tree order from zero and divided by the number of trees ({@link LeafSums#sum}).
     */
    private void walk(float[] data, int[] nodes, int first, int stride, int rows, double[] out, int outOffset,
            int classStride, int pixelStride) {
        int k = classes.length;
        int trees = roots.length;
        // leaves[t·m + r]: offset in leafProba of pixel r's leaf in tree t
        int[] leaves = new int[trees * Math.min(rows, BLOCK_ROWS)];
        for (int start = 0; start < rows; start += BLOCK_ROWS) {
            int m = Math.min(rows, start + BLOCK_ROWS) - start;
            // the walk of walkTree, kept inline here: calling walkTree from this loop measured 30 % slower
            for (int t = 0; t < trees; t++) {
                int r0 = 3 * roots[t];
                int at = t * m;
                for (int r = 0, base = first + start * stride; r < m; r++, base += stride) {
                    int node = r0;
                    int f;
                    while ((f = nodes[node]) >= 0) {
                        float th = Float.intBitsToFloat(nodes[node + 1]);
                        node = nodes[node + 2] + (data[f + base] <= th ? 0 : 3);
                    }
                    leaves[at + r] = ~f * k;
                }
            }
            LeafSums.sum(leafProba, k, trees, leaves, m, out, outOffset + start * pixelStride, classStride,
                    pixelStride);
        }
    }

    /**
     * Probabilities of every tree for one feature vector row, as {@link #predictProba} computes them (used to
     * tabulate single-feature forests).
     */
    double[] probabilitiesOf(float[] row) {
        double[] out = new double[classes.length];
        predictProba(row, 1, out);
        return out;
    }

    @Override
    public void close() {
        // nothing native
    }
}
