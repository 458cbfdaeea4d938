package org.convpaint.grid;

/**
 * An {@link IntGrid} of a whole shape that holds only rows [y0, y1) of every channel and plane, in the heap: what
 * one process computes of a grid shared with others (e.g. a band of labels it writes to a common store). Runs
 * outside the rows held are refused. Disjoint writes may come from several threads.
 */
public final class IntBandGrid implements IntGrid {
    private final GridShape shape;
    private final int y0;
    private final int y1;
    private final int[] values;

    /** Zeros for rows [y0, y1) of {@code shape}. */
    public IntBandGrid(GridShape shape, int y0, int y1) {
        if (y0 < 0 || y1 > shape.height() || y0 >= y1) {
            throw new IllegalArgumentException("rows [" + y0 + ", " + y1 + ") of a grid of " + shape);
        }
        this.shape = shape;
        this.y0 = y0;
        this.y1 = y1;
        long n = (long) shape.channels() * shape.depth() * (y1 - y0) * shape.width();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a band of " + n + " values does not fit a Java array");
        }
        this.values = new int[(int) n];
    }

    @Override
    public GridShape shape() {
        return shape;
    }

    /** The rows held: [C, Z, y1 − y0, W] in C order (not a copy). */
    public int[] band() {
        return values;
    }

    /** Index in {@link #band()} of flat grid index {@code at}, checking {@code n} values stay in one row. */
    private int local(long at, int n) {
        long plane = shape.planeSize();
        long q = at / plane;
        long within = at % plane;
        int y = (int) (within / shape.width());
        int x = (int) (within % shape.width());
        if (y < y0 || y >= y1 || x + n > shape.width()) {
            throw new IndexOutOfBoundsException("row " + y + " is not in rows [" + y0 + ", " + y1 + ")");
        }
        return (int) ((q * (y1 - y0) + (y - y0)) * shape.width() + x);
    }

    @Override
    public void read(long at, int[] dst, int off, int n) {
        shape.check(at, n);
        while (n > 0) {
            int inRow = (int) Math.min(n, shape.width() - at % shape.width());
            System.arraycopy(values, local(at, inRow), dst, off, inRow);
            at += inRow;
            off += inRow;
            n -= inRow;
        }
    }

    @Override
    public void write(long at, int[] src, int off, int n) {
        shape.check(at, n);
        while (n > 0) {
            int inRow = (int) Math.min(n, shape.width() - at % shape.width());
            System.arraycopy(src, off, values, local(at, inRow), inRow);
            at += inRow;
            off += inRow;
            n -= inRow;
        }
    }

    /** Null: only a band is held. */
    @Override
    public int[] array() {
        return null;
    }

    @Override
    public void close() {
    }
}
