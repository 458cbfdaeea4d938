package org.convpaint.postprocess;

import java.io.IOException;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;

/**
 * Rows [y0, y1) of every plane of a single-channel grid [1, Z, H, W], seen as a grid [1, Z, y1 − y0, W] of its
 * own: reads and writes go to the underlying grid's rows, nothing else is touched. A view: it holds no values and
 * {@link #close()} leaves the underlying grid open. Thread-safe as far as the underlying grid is.
 */
final class BandView implements IntGrid {
    private final IntGrid grid;
    private final int y0;
    private final GridShape shape;

    private BandView(IntGrid grid, int y0, GridShape shape) {
        this.grid = grid;
        this.y0 = y0;
        this.shape = shape;
    }

    /**
     * @throws IllegalArgumentException if the grid has more than one channel or [y0, y1) is empty or not inside
     *                                  [0, H)
     */
    static BandView of(IntGrid grid, int y0, int y1) {
        GridShape s = grid.shape();
        checkRows(s, y0, y1);
        if (s.channels() != 1) {
            throw new IllegalArgumentException("labels have one channel, not " + s.channels() + " (" + s + ")");
        }
        return new BandView(grid, y0, GridShape.of(s.depth(), y1 - y0, s.width()));
    }

    /** @throws IllegalArgumentException if [y0, y1) is empty or not inside [0, H) of {@code shape} */
    static void checkRows(GridShape shape, int y0, int y1) {
        if (y0 < 0 || y1 <= y0 || y1 > shape.height()) {
            throw new IllegalArgumentException(
                    "rows [" + y0 + ", " + y1 + ") are not a non-empty band of the " + shape.height() + " rows of "
                            + shape);
        }
    }

    @Override
    public GridShape shape() {
        return shape;
    }

    @Override
    public void read(long at, int[] dst, int off, int n) throws IOException {
        runs(at, n, (u, done, run) -> grid.read(u, dst, off + done, run));
    }

    @Override
    public void write(long at, int[] src, int off, int n) throws IOException {
        runs(at, n, (u, done, run) -> grid.write(u, src, off + done, run));
    }

    /** A run of {@code run} values at the underlying grid's flat index {@code at}, {@code done} values in. */
    private interface Run {
        void apply(long at, int done, int run) throws IOException;
    }

    /** Splits the run of {@code n} values from this band's flat index {@code at} at plane ends (C order). */
    private void runs(long at, int n, Run action) throws IOException {
        shape.check(at, n);
        long plane = shape.planeSize();
        long height = grid.shape().height();
        for (int done = 0; done < n;) {
            long i = at + done;
            int run = (int) Math.min(n - done, plane - i % plane);
            action.apply((i / plane * height + y0) * shape.width() + i % plane, done, run);
            done += run;
        }
    }

    /** The values live in the underlying grid. */
    @Override
    public int[] array() {
        return null;
    }

    /** Leaves the underlying grid open. */
    @Override
    public void close() {
    }
}
