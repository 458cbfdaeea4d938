package org.convpaint.grid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A {@link DoubleGrid} in a hidden scratch file, little-endian float64 or float32 ({@link Precision}: float32 values
 * read back rounded), deleted on {@link #close()} and at JVM exit. Reads, and writes of disjoint runs, may come from
 * several threads.
 */
public final class DoubleScratchGrid implements DoubleGrid {
    /** How values are stored. */
    public enum Precision {
        FLOAT64(8), FLOAT32(4);

        private final int bytes;

        Precision(int bytes) {
            this.bytes = bytes;
        }
    }

    private final GridShape shape;
    private final Precision precision;
    private final ScratchFile file;

    private DoubleScratchGrid(GridShape shape, Precision precision, ScratchFile file) {
        this.shape = shape;
        this.precision = precision;
        this.file = file;
    }

    /** A new grid in a scratch file in {@code folder} whose name starts with {@code name}. */
    public static DoubleScratchGrid create(GridShape shape, Precision precision, Path folder, String name)
            throws IOException {
        return new DoubleScratchGrid(shape, precision, ScratchFile.in(folder, name));
    }

    /** The scratch file. */
    public Path file() {
        return file.path();
    }

    @Override
    public GridShape shape() {
        return shape;
    }

    @Override
    public void read(long at, double[] dst, int off, int n) throws IOException {
        shape.check(at, n);
        ByteBuffer b = ByteBuffer.allocate(precision.bytes * n).order(ByteOrder.LITTLE_ENDIAN);
        file.read(b, precision.bytes * at);
        b.flip();
        if (precision == Precision.FLOAT64) {
            b.asDoubleBuffer().get(dst, off, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[off + i] = b.getFloat();
            }
        }
    }

    @Override
    public void write(long at, double[] src, int off, int n) throws IOException {
        shape.check(at, n);
        ByteBuffer b = ByteBuffer.allocate(precision.bytes * n).order(ByteOrder.LITTLE_ENDIAN);
        if (precision == Precision.FLOAT64) {
            b.asDoubleBuffer().put(src, off, n);
        } else {
            for (int i = 0; i < n; i++) {
                b.putFloat((float) src[off + i]);
            }
            b.flip();
        }
        file.write(b, precision.bytes * at);
    }

    /** Null: the values are on disk. */
    @Override
    public double[] array() {
        return null;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
