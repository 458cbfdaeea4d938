package org.convpaint.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.convpaint.scratch.ScratchFile;

/**
 * The labels of one timepoint, [Z, H, W] in C order, uint32 bits held in ints: either an int array or, for
 * timepoints whose labels would take much of the heap, a {@link ScratchFile}. Both are read and written as runs of
 * consecutive values ({@link #read}, {@link #write}); the array is also available directly when in memory.
 * Reads, and writes of disjoint ranges, may come from several threads. {@link #close()} deletes the scratch file
 * (nothing to do for an array).
 */
public final class LabelVolume implements AutoCloseable {
    private final int depth;
    private final int height;
    private final int width;
    private final int[] array;
    private final ScratchFile file;

    private LabelVolume(int depth, int height, int width, int[] array, ScratchFile file) {
        if (depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("invalid label volume " + depth + "x" + height + "x" + width);
        }
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.array = array;
        this.file = file;
    }

    /** Labels held in {@code labels} (not copied), of length depth × height × width. */
    public static LabelVolume of(int[] labels, int depth, int height, int width) {
        if ((long) depth * height * width != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + depth + "x" + height + "x"
                    + width);
        }
        return new LabelVolume(depth, height, width, labels, null);
    }

    /** Zero labels of this shape in memory. */
    public static LabelVolume zeros(int depth, int height, int width) {
        long n = (long) depth * height * width;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a volume of " + n + " labels does not fit a Java array");
        }
        return of(new int[(int) n], depth, height, width);
    }

    /** Labels of this shape in a new scratch file in {@code folder}; each label must be written before it is read. */
    public static LabelVolume onDisk(int depth, int height, int width, Path folder) throws IOException {
        return new LabelVolume(depth, height, width, null, ScratchFile.in(folder, "convpaint-labels"));
    }

    /**
     * A new volume of this shape where this one is: in memory if this one is (zeros), else a new scratch file in
     * {@code folder} (each label to be written before it is read). Stages that turn one volume into another
     * use this, so the choice between heap and disk is made once, when the first volume is made.
     */
    public LabelVolume sibling(Path folder) throws IOException {
        return array != null ? zeros(depth, height, width) : onDisk(depth, height, width, folder);
    }

    public int depth() {
        return depth;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of labels, depth × height × width. */
    public long size() {
        return (long) depth * height * width;
    }

    /** True if the labels are an array (then {@link #array()} gives it). */
    public boolean inMemory() {
        return array != null;
    }

    /**
     * The labels themselves (not a copy).
     *
     * @throws IllegalStateException if they are in a scratch file
     */
    public int[] array() {
        if (array == null) {
            throw new IllegalStateException("the labels are in the scratch file " + file.path());
        }
        return array;
    }

    /** The scratch file holding the labels, or null when they are in memory. */
    public Path file() {
        return file == null ? null : file.path();
    }

    /** All labels in a new array (the array itself when in memory). */
    public int[] toArray() throws IOException {
        if (array != null) {
            return array;
        }
        long n = size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a volume of " + n + " labels does not fit a Java array");
        }
        int[] all = new int[(int) n];
        for (int z = 0; z < depth; z++) {
            read(z, 0, 0, all, z * height * width, height * width);
        }
        return all;
    }

    private long index(int z, int y, int x, int n) {
        if (z < 0 || z >= depth || y < 0 || y >= height || x < 0 || x >= width || n < 0) {
            throw new IndexOutOfBoundsException("(" + z + ", " + y + ", " + x + ") in " + depth + "x" + height + "x"
                    + width);
        }
        long at = ((long) z * height + y) * width + x;
        if (at + n > size()) {
            throw new IndexOutOfBoundsException(n + " labels from (" + z + ", " + y + ", " + x + ") pass the end");
        }
        return at;
    }

    /** Reads {@code n} consecutive labels (C order, may span rows and planes) from (z, y, x) into {@code dst}. */
    public void read(int z, int y, int x, int[] dst, int off, int n) throws IOException {
        long at = index(z, y, x, n);
        if (array != null) {
            System.arraycopy(array, (int) at, dst, off, n);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        file.read(b, 4 * at);
        b.flip();
        b.asIntBuffer().get(dst, off, n);
    }

    /** Writes {@code n} consecutive labels (C order, may span rows and planes) from {@code src} at (z, y, x). */
    public void write(int z, int y, int x, int[] src, int off, int n) throws IOException {
        long at = index(z, y, x, n);
        if (array != null) {
            System.arraycopy(src, off, array, (int) at, n);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(src, off, n);
        file.write(b, 4 * at);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
