package org.convpaint.grid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * An {@link IntGrid} in a hidden scratch file (4 bytes per value, little-endian), deleted on {@link #close()} and
 * at JVM exit. Reads, and writes of disjoint runs, may come from several threads.
 */
public final class IntScratchGrid implements IntGrid {
    private final GridShape shape;
    private final ScratchFile file;

    private IntScratchGrid(GridShape shape, ScratchFile file) {
        this.shape = shape;
        this.file = file;
    }

    /** A new grid in a scratch file in {@code folder} whose name starts with {@code name}. */
    public static IntScratchGrid create(GridShape shape, Path folder, String name) throws IOException {
        return new IntScratchGrid(shape, ScratchFile.in(folder, name));
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
    public void read(long at, int[] dst, int off, int n) throws IOException {
        shape.check(at, n);
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        file.read(b, 4 * at);
        b.flip();
        b.asIntBuffer().get(dst, off, n);
    }

    @Override
    public void write(long at, int[] src, int off, int n) throws IOException {
        shape.check(at, n);
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(src, off, n);
        file.write(b, 4 * at);
    }

    /** Null: the values are on disk. */
    @Override
    public int[] array() {
        return null;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
