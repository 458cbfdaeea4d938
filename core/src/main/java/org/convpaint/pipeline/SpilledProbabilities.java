package org.convpaint.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.convpaint.scratch.ScratchFile;

/**
 * Class probabilities [K, Z, H, W] (C order, float64) kept in a scratch file instead of memory: tiles write their
 * rows as they finish, the restoration reads bands of rows back. Also tracks the {min, max} of everything written
 * (NaN if a NaN was written), which skimage's resize clips to. {@link #put} may be called from several threads;
 * the {@link ScratchFile} is deleted on {@link #close()}.
 */
final class SpilledProbabilities implements ProbabilityRows, AutoCloseable {
    private final int classes;
    private final int depth;
    private final int height;
    private final int width;
    private final ScratchFile file;
    private final Object boundsLock = new Object();
    private double lo = Double.POSITIVE_INFINITY;
    private double hi = Double.NEGATIVE_INFINITY;
    private boolean nan;

    private SpilledProbabilities(int classes, int depth, int height, int width, ScratchFile file) {
        this.classes = classes;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.file = file;
    }

    /** A scratch file for [classes, depth, height, width] values in {@code folder}. */
    static SpilledProbabilities create(int classes, int depth, int height, int width, Path folder)
            throws IOException {
        return new SpilledProbabilities(classes, depth, height, width,
                ScratchFile.in(folder, "convpaint-probabilities"));
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    Path file() {
        return file.path();
    }

    private long position(int c, int z, int y, int x) {
        return 8 * ((((long) c * depth + z) * height + y) * width + x);
    }

    /**
     * Stores {@code len} values of {@code src} from {@code off} at class {@code c}, plane {@code z}, row {@code y},
     * columns {@code x0 ..}. Thread-safe.
     *
     * @throws UncheckedIOException if the file cannot be written (e.g. the disk is full)
     */
    void put(int c, int z, int y, int x0, double[] src, int off, int len) {
        ByteBuffer b = ByteBuffer.allocate(8 * len).order(ByteOrder.LITTLE_ENDIAN);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean sawNan = false;
        for (int i = 0; i < len; i++) {
            double v = src[off + i];
            b.putDouble(v);
            if (Double.isNaN(v)) {
                sawNan = true;
            } else {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        b.flip();
        try {
            file.write(b, position(c, z, y, x0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scratch file " + file.path() + ": " + e.getMessage(), e);
        }
        synchronized (boundsLock) {
            lo = Math.min(lo, min);
            hi = Math.max(hi, max);
            nan |= sawNan;
        }
    }

    @Override
    public void readRows(int c, int z, int y0, int y1, double[] dst, int off) throws IOException {
        int n = (y1 - y0) * width;
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        file.read(b, position(c, z, y0, 0));
        b.flip();
        b.asDoubleBuffer().get(dst, off, n);
    }

    /** {min, max} of all values written (tracked as they are put). */
    @Override
    public double[] bounds() {
        synchronized (boundsLock) {
            return nan ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
