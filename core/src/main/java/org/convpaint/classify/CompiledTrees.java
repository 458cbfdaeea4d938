package org.convpaint.classify;

import java.lang.invoke.MethodHandles;

import org.convpaint.classify.classfile.ClassConstants;

/**
 * The trees of a {@link RandomForest} that are small enough, as JVM bytecode ({@link TreeBytecode}) loaded as a
 * hidden class: unloaded with the forest, verified by the JVM, compiled by its JIT like any other method. A tree
 * whose method would exceed the size the JIT compiles ({@value #METHOD_BYTES} bytes of bytecode), or that comes
 * after {@value #NODES} nodes compiled in all, is not covered: the forest walks it from its node arrays. Immutable
 * and thread-safe.
 */
final class CompiledTrees {
    /** HotSpot interprets methods of more than 8000 bytes of bytecode forever (HugeMethodLimit): stay below. */
    static final int METHOD_BYTES = 7_900;
    /** Most nodes compiled for one forest: bounds the JIT's work and the code it keeps. */
    static final int NODES = 20_000;
    private static final String CLASS_NAME = CompiledTrees.class.getPackageName().replace('.', '/')
            + "/GeneratedTrees";

    private final LeafKernel kernel;
    private final boolean[] covered;
    private final int count;

    private CompiledTrees(LeafKernel kernel, boolean[] covered, int count) {
        this.kernel = kernel;
        this.covered = covered;
        this.count = count;
    }

    /**
     * The trees of a forest (arrays as {@link RandomForest} holds them; tree {@code t} is the nodes from
     * {@code roots[t]} up to the next root) that fit, compiled; {@code null} when none does or the JVM refuses the
     * class (the walk then serves every tree).
     */
    static CompiledTrees of(int[] roots, int[] feature, float[] threshold, int[] left, int classes) {
        TreeBytecode code = new TreeBytecode(CLASS_NAME, feature, threshold, left, classes);
        boolean[] covered = new boolean[roots.length];
        int nodes = 0;
        int count = 0;
        for (int t = 0; t < roots.length; t++) {
            int size = (t + 1 < roots.length ? roots[t + 1] : feature.length) - roots[t];
            // a node takes at least 9 bytes of bytecode: larger trees are not even tried (nor recursed into)
            if (size > METHOD_BYTES / 9 || nodes + size > NODES
                    || code.constants() + TreeBytecode.constantsAtMost(size) + 16 >= ClassConstants.LIMIT
                    || !code.addTree(t, roots[t], METHOD_BYTES)) {
                continue;
            }
            covered[t] = true;
            nodes += size;
            count++;
        }
        if (count == 0) {
            return null;
        }
        try {
            Class<?> generated = MethodHandles.lookup().defineHiddenClass(code.classFile(), true).lookupClass();
            LeafKernel kernel = (LeafKernel) generated.getDeclaredConstructor().newInstance();
            return new CompiledTrees(kernel, covered, count);
        } catch (LinkageError | ReflectiveOperationException e) {
            return null;
        }
    }

    /** See {@link LeafKernel#leaves}. */
    void leaves(int tree, float[] data, int[] columns, int first, int[] index, int m, int[] leaves, int at) {
        kernel.leaves(tree, data, columns, first, index, m, leaves, at);
    }

    /** {0, 1, …, n − 1}: the index array of a run of n pixels for {@link #leaves}. */
    static int[] identity(int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        return index;
    }

    /** Whether tree {@code t} is compiled. */
    boolean covers(int t) {
        return covered[t];
    }

    /** Number of trees compiled. */
    int count() {
        return count;
    }
}
