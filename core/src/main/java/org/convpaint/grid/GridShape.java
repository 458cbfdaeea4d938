package org.convpaint.grid;

/**
 * The shape of a dense grid [C, Z, H, W] in C order: C channels (class maps for probabilities, 1 for labels,
 * or timepoints when a writer collects several), Z planes, H rows, W columns. Values are addressed by their flat
 * index {@code ((c · Z + z) · H + y) · W + x}. Immutable.
 *
 * @param channels C ≥ 1
 * @param depth    Z ≥ 1
 * @param height   H ≥ 1
 * @param width    W ≥ 1
 */
public record GridShape(int channels, int depth, int height, int width) implements java.io.Serializable {

    public GridShape {
        if (channels < 1 || depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("invalid grid " + channels + "x" + depth + "x" + height + "x" + width);
        }
    }

    /**
     * Component-wise, as a record's; written out because the generated method starts the JDK's record bootstrap
     * (some 50 generated classes) the first time any shape is compared, in every run.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof GridShape s && s.channels == channels && s.depth == depth && s.height == height
                && s.width == width;
    }

    @Override
    public int hashCode() {
        return ((channels * 31 + depth) * 31 + height) * 31 + width;
    }

    /** A single-channel shape [1, Z, H, W], as labels have. */
    public static GridShape of(int depth, int height, int width) {
        return new GridShape(1, depth, height, width);
    }

    /** Number of values, C × Z × H × W. */
    public long size() {
        return (long) channels * depth * height * width;
    }

    /** Values per plane, H × W. */
    public long planeSize() {
        return (long) height * width;
    }

    /**
     * Flat index of (c, z, y, x), checking that {@code n} values from there stay inside the grid.
     *
     * @throws IndexOutOfBoundsException if the position or the run leaves the grid
     */
    public long index(int c, int z, int y, int x, long n) {
        if (c < 0 || c >= channels || z < 0 || z >= depth || y < 0 || y >= height || x < 0 || x >= width || n < 0) {
            throw new IndexOutOfBoundsException("(" + c + ", " + z + ", " + y + ", " + x + ") in " + this);
        }
        long at = (((long) c * depth + z) * height + y) * width + x;
        check(at, n);
        return at;
    }

    /**
     * Checks that the run of {@code n} values from flat index {@code at} lies inside the grid.
     *
     * @throws IndexOutOfBoundsException if not
     */
    public void check(long at, long n) {
        if (at < 0 || n < 0 || at + n > size()) {
            throw new IndexOutOfBoundsException("values " + at + ".." + (at + n) + " of a grid of " + size());
        }
    }

    /** The number of values as an array length. @throws IllegalStateException if it exceeds a Java array */
    int arrayLength() {
        long n = size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a grid of " + n + " values does not fit a Java array");
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return channels + "x" + depth + "x" + height + "x" + width;
    }
}
