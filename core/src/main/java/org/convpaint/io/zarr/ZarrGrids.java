package org.convpaint.io.zarr;

import java.io.IOException;

import org.convpaint.InvalidInputException;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;

/**
 * Read-only grid views of a Zarr array of rank 4 ([C, Z, H, W]) or 3 ([Z, H, W], one channel): stages that read
 * rows of a grid read them from a store another process wrote. Runs are read a row or a run of whole rows of one
 * plane at a time, through the array's chunk cache. Writes are refused (write whole chunks with
 * {@link ZarrArrayWriter}). Thread-safe as far as the array is.
 */
public final class ZarrGrids {
    private ZarrGrids() {
    }

    /** The array's shape as a grid. @throws IllegalArgumentException if its rank is not 3 or 4 */
    public static GridShape shape(ZarrArray array) {
        long[] s = array.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException(array.path() + ": a grid is 3-D or 4-D, the array is " + s.length
                    + "-D");
        }
        int c = s.length == 4 ? Math.toIntExact(s[0]) : 1;
        int o = s.length - 3;
        return new GridShape(c, Math.toIntExact(s[o]), Math.toIntExact(s[o + 1]), Math.toIntExact(s[o + 2]));
    }

    /** The array's values as doubles. */
    public static DoubleGrid doubles(ZarrArray array) {
        View v = new View(array);
        return new DoubleGrid() {
            @Override
            public GridShape shape() {
                return v.shape;
            }

            @Override
            public void read(long at, double[] dst, int off, int n) throws IOException {
                v.read(at, dst, off, n);
            }

            @Override
            public void write(long at, double[] src, int off, int n) {
                throw new UnsupportedOperationException("a Zarr grid view is read-only");
            }

            @Override
            public double[] array() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The array's integer values (uint32 values as their int bits). */
    public static IntGrid ints(ZarrArray array) {
        View v = new View(array);
        return new IntGrid() {
            @Override
            public GridShape shape() {
                return v.shape;
            }

            @Override
            public void read(long at, int[] dst, int off, int n) throws IOException {
                double[] d = new double[n];
                v.read(at, d, 0, n);
                for (int i = 0; i < n; i++) {
                    dst[off + i] = (int) (long) d[i];
                }
            }

            @Override
            public void write(long at, int[] src, int off, int n) {
                throw new UnsupportedOperationException("a Zarr grid view is read-only");
            }

            @Override
            public int[] array() {
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Reads runs of the grid from the array. */
    private static final class View {
        private final ZarrArray array;
        private final GridShape shape;
        private final boolean channelAxis;

        View(ZarrArray array) {
            this.array = array;
            this.shape = ZarrGrids.shape(array);
            this.channelAxis = array.shape().length == 4;
        }

        void read(long at, double[] dst, int off, int n) throws IOException {
            shape.check(at, n);
            int w = shape.width();
            int h = shape.height();
            while (n > 0) {
                long q = at / shape.planeSize();
                int y = (int) (at % shape.planeSize() / w);
                int x = (int) (at % w);
                int rows;
                int len;
                if (x == 0 && n >= w) {
                    rows = Math.min(n / w, h - y);
                    len = rows * w;
                } else {
                    rows = 1;
                    len = Math.min(n, w - x);
                }
                int c = (int) (q / shape.depth());
                int z = (int) (q % shape.depth());
                long[] offset = channelAxis ? new long[] {c, z, y, x} : new long[] {z, y, x};
                int[] size = channelAxis ? new int[] {1, 1, rows, len / rows} : new int[] {1, rows, len / rows};
                double[] buf = off == 0 && dst.length >= len ? dst : new double[len];
                try {
                    array.read(offset, size, buf);
                } catch (InvalidInputException e) {
                    throw new IOException(e.getMessage(), e);
                }
                if (buf != dst) {
                    System.arraycopy(buf, 0, dst, off, len);
                }
                at += len;
                off += len;
                n -= len;
            }
        }
    }
}
