package org.convpaint.classify;

/**
 * Class probabilities for pixels given their features.
 *
 * <p>Features are float32 (both sklearn and CatBoost cast their input to float32 before evaluating), laid out
 * row-major: row {@code r} (one pixel) occupies {@code features[r*numFeatures() .. (r+1)*numFeatures())}.
 * Probabilities are float64, row-major, one column per class in {@link #classes()} order.
 *
 * <p>Implementations are safe for concurrent {@link #predictProba} calls once constructed.
 */
public interface PixelClassifier extends AutoCloseable {

    /** Short name as convpaint reports it: {@code RandomForest} or {@code CatBoost}. */
    String name();

    /** Number of features per row the classifier expects. */
    int numFeatures();

    /** Class values (the annotation labels used in training), in probability column order. */
    int[] classes();

    /** Number of classes, i.e. probability columns. */
    default int numClasses() {
        return classes().length;
    }

    /**
     * Indices of the features the classifier actually reads, ascending; by default all. Callers may pass
     * {@link #compact()} rows holding only these features.
     */
    default int[] usedFeatures() {
        return java.util.stream.IntStream.range(0, numFeatures()).toArray();
    }

    /**
     * A classifier over only the {@link #usedFeatures()}, in that order (same results); by default this one.
     * The returned classifier shares resources with this one: close only this one.
     */
    default PixelClassifier compact() {
        return this;
    }

    /**
     * @param features {@code rows × numFeatures()} float32 values, row-major
     * @param rows     number of rows
     * @param out      receives {@code rows × numClasses()} probabilities, row-major
     */
    void predictProba(float[] features, int rows, double[] out);

    /**
     * Probabilities of pixels whose features lie in columns, as in a feature stack: feature {@code i} of pixel
     * {@code p} is {@code data[columns[i] + p]}, for the pixels {@code p = first .. first+rows-1}. Same values as
     * {@link #predictProba}; implementations may read the columns directly instead of gathering rows (the default).
     *
     * @param columns   offset in {@code data} of each feature's column ({@code numFeatures()} of them)
     * @param out       receives the probabilities class-major: class {@code c} of pixel {@code first + r} at
     *                  {@code out[outOffset + c * outStride + r]}
     */
    default void predictProbaColumns(float[] data, int[] columns, int first, int rows, double[] out, int outOffset,
            int outStride) {
        int f = columns.length;
        int k = numClasses();
        float[] x = new float[rows * f];
        for (int i = 0; i < f; i++) {
            int src = columns[i] + first;
            for (int r = 0; r < rows; r++) {
                x[r * f + i] = data[src + r];
            }
        }
        double[] p = new double[rows * k];
        predictProba(x, rows, p);
        for (int c = 0; c < k; c++) {
            int dst = outOffset + c * outStride;
            for (int r = 0; r < rows; r++) {
                out[dst + r] = p[r * k + c];
            }
        }
    }

    /** Probabilities of runs of pixels over feature columns bound once ({@link #bindColumns}). */
    @FunctionalInterface
    interface BoundColumns {
        /** As {@link PixelClassifier#predictProbaColumns} with the bound data and columns. */
        void predictProba(int first, int rows, double[] out, int outOffset, int outStride);
    }

    /**
     * {@link #predictProbaColumns} for many runs of pixels over the same {@code data} and {@code columns}, e.g. the
     * rows of a tile: whatever depends only on the columns is prepared once (a forest relocates its nodes once
     * instead of per run). The result is as thread-safe as this classifier.
     */
    default BoundColumns bindColumns(float[] data, int[] columns) {
        return (first, rows, out, outOffset, outStride) -> predictProbaColumns(data, columns, first, rows, out,
                outOffset, outStride);
    }

    /** The winning classes of runs of pixels over feature columns bound once ({@link #bindClassIndices}). */
    @FunctionalInterface
    interface BoundClasses {
        /**
         * For the pixels {@code first .. first+rows-1}: the index (in {@link #classes()} order) of each one's class,
         * {@link ClassArgmax} of its probabilities, to {@code out[outOffset + r]}.
         */
        void classIndices(int first, int rows, int[] out, int outOffset);
    }

    /**
     * As {@link #bindColumns}, for when only each pixel's winning class is wanted: always the class
     * {@link ClassArgmax} picks from {@link #predictProbaColumns}'s probabilities, which implementations may get to
     * without computing them all (by default they are computed).
     */
    default BoundClasses bindClassIndices(float[] data, int[] columns) {
        BoundColumns bound = bindColumns(data, columns);
        int k = numClasses();
        return (first, rows, out, outOffset) -> {
            double[] p = new double[k * rows];
            bound.predictProba(first, rows, p, 0, rows);
            for (int r = 0; r < rows; r++) {
                out[outOffset + r] = ClassArgmax.of(p, k, rows, r);
            }
        };
    }

    /**
     * A hint: a run classifying about {@code pixels} pixels in all (a batch of images, say) begins. A classifier may
     * prepare work that pays over that many (a forest compiles its trees); results never depend on it. By default
     * nothing is done.
     */
    default void expect(long pixels) {
        // nothing to prepare
    }

    /** Releases native resources, if any. */
    @Override
    void close();
}
