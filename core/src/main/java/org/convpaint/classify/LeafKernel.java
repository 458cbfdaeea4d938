package org.convpaint.classify;

/**
 * The leaves some trees of a {@link RandomForest} reach, for a run of pixels whose features lie in columns: the
 * contract of the code {@link TreeBytecode} generates. Implementations hold no state and are thread-safe.
 */
interface LeafKernel {

    /**
     * For each tree {@code t} the kernel covers and each pixel {@code r} in {@code [0, rows)}: the offset in the
     * forest's leaf fractions ({@code leafIndex × classes}) of the leaf pixel {@code first + r} reaches, to
     * {@code leaves[t·rows + r]}. Feature {@code f} of that pixel is {@code data[columns[f] + first + r]}; a
     * feature is compared as the forest's walk compares it ({@code x <= threshold} goes left, NaN goes right).
     * Entries of trees the kernel does not cover are left as they are.
     */
    void leaves(float[] data, int[] columns, int first, int rows, int[] leaves);
}
