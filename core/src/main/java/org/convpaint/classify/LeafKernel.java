package org.convpaint.classify;

/**
 * The leaves some trees of a {@link RandomForest} reach, for pixels whose features lie in columns: the
 * contract of the code {@link TreeBytecode} generates. Implementations hold no state and are thread-safe.
 */
interface LeafKernel {

    /**
     * Tree {@code tree}'s leaves, for pixels {@code first + index[j]}, {@code j < m}: the offset in the forest's
     * leaf fractions ({@code leafIndex × classes}) of the leaf each one reaches, to {@code leaves[at + j]}. Feature
     * {@code f} of pixel {@code p} is {@code data[columns[f] + p]}; a feature is compared as the forest's walk
     * compares it ({@code x <= threshold} goes left, NaN goes right). Does nothing for a tree the kernel does not
     * cover.
     */
    void leaves(int tree, float[] data, int[] columns, int first, int[] index, int m, int[] leaves, int at);
}
