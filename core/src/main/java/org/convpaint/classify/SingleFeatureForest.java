package org.convpaint.classify;

/**
 * A forest that reads one feature only, evaluated exactly by table lookup: its distinct thresholds
 * {@code t_0 < … < t_{m−1}} cut the float line into m + 1 intervals on which every tree takes the same path, so
 * the probabilities of each interval are computed once with {@link RandomForest}'s own arithmetic (at a float
 * inside the interval) and a row costs finding its interval ({@link IntervalIndex}). NaN compares false like any
 * value above all thresholds and falls into the last interval, as in the trees. Immutable and thread-safe.
 */
final class SingleFeatureForest implements PixelClassifier {
    private final RandomForest forest;
    private final IntervalIndex intervals;
    private final double[] table;
    private final int k;

    private SingleFeatureForest(RandomForest forest, float[] thresholds, double[] table) {
        this.forest = forest;
        this.intervals = new IntervalIndex(thresholds);
        this.table = table;
        this.k = forest.numClasses();
    }

    /** Tabulates a forest with {@code numFeatures() == 1}. */
    static SingleFeatureForest of(RandomForest forest) {
        if (forest.numFeatures() != 1) {
            throw new IllegalArgumentException("not a single-feature forest");
        }
        float[] t = forest.thresholds();
        int k = forest.numClasses();
        double[] table = new double[(t.length + 1) * k];
        float[] row = new float[1];
        for (int i = 0; i <= t.length; i++) {
            // t[i] itself lies in interval i (x <= t[i], x > t[i-1]); above the last threshold any larger float
            row[0] = i < t.length ? t[i] : Math.nextUp(t.length == 0 ? 0f : t[t.length - 1]);
            System.arraycopy(forest.probabilitiesOf(row), 0, table, i * k, k);
        }
        return new SingleFeatureForest(forest, t, table);
    }

    @Override
    public String name() {
        return forest.name();
    }

    @Override
    public int numFeatures() {
        return 1;
    }

    @Override
    public int[] classes() {
        return forest.classes();
    }

    @Override
    public void predictProba(float[] features, int rows, double[] out) {
        for (int r = 0; r < rows; r++) {
            int at = intervals.of(features[r]) * k;
            System.arraycopy(table, at, out, r * k, k);
        }
    }

    /** Reads the one column directly and writes the probabilities class-major, without gathering rows. */
    @Override
    public void predictProbaColumns(float[] data, int[] columns, int first, int rows, double[] out, int outOffset,
            int outStride) {
        if (columns.length != 1) {
            throw new IllegalArgumentException(columns.length + " columns for a single-feature forest");
        }
        int src = columns[0] + first;
        IntervalIndex index = intervals;
        double[] t = table;
        for (int r = 0; r < rows; r++) {
            int at = index.of(data[src + r]) * k;
            for (int c = 0, o = outOffset + r; c < k; c++, o += outStride) {
                out[o] = t[at + c];
            }
        }
    }

    @Override
    public void close() {
        // nothing native
    }
}
