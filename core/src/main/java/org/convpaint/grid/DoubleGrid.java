package org.convpaint.grid;

import java.io.IOException;

/**
 * A dense grid of float64 values (class probabilities) of a {@link GridShape}, read and written as runs of
 * consecutive values in C order, wherever it is stored: in the heap ({@link DoubleArrayGrid}) or in a scratch file
 * ({@link DoubleScratchGrid}, which may keep float32: values then read back rounded to float32). Reads, and writes
 * of disjoint runs, may come from several threads. A value must be written before it is read, except in heap grids,
 * which start at zero. {@link #close()} frees what the grid holds (a scratch file is deleted).
 */
public interface DoubleGrid extends AutoCloseable {

    GridShape shape();

    /** Reads {@code n} values from flat index {@code at} (the run may span rows and planes) into {@code dst}. */
    void read(long at, double[] dst, int off, int n) throws IOException;

    /** Writes {@code n} values of {@code src} from flat index {@code at} on. */
    void write(long at, double[] src, int off, int n) throws IOException;

    /** The heap array holding the values (not a copy), or null when they are stored elsewhere. */
    double[] array();

    /** Reads rows [y0, y1) of plane {@code z} of channel {@code c} into {@code dst} from {@code off}. */
    default void readRows(int c, int z, int y0, int y1, double[] dst, int off) throws IOException {
        GridShape s = shape();
        long n = (long) (y1 - y0) * s.width();
        read(s.index(c, z, y0, 0, n), dst, off, (int) n);
    }

    /** Writes rows [y0, y1) of plane {@code z} of channel {@code c} from {@code src} at {@code off}. */
    default void writeRows(int c, int z, int y0, int y1, double[] src, int off) throws IOException {
        GridShape s = shape();
        long n = (long) (y1 - y0) * s.width();
        write(s.index(c, z, y0, 0, n), src, off, (int) n);
    }

    /** All values in an array: the grid's own array when it is in the heap, else a new one. */
    default double[] toArray() throws IOException {
        double[] a = array();
        if (a != null) {
            return a;
        }
        GridShape s = shape();
        double[] all = new double[s.arrayLength()];
        int plane = (int) s.planeSize();
        for (int q = 0; q < s.channels() * s.depth(); q++) {
            read((long) q * plane, all, q * plane, plane);
        }
        return all;
    }

    @Override
    void close() throws IOException;
}
