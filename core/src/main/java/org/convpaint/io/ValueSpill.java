package org.convpaint.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.convpaint.scratch.ScratchFile;

/**
 * 4-byte values (float32 or uint32 bits) appended to a {@link ScratchFile} and read back from any position: lets a
 * writer hold results of many timepoints on disk instead of in memory. Positions and sizes count values, not
 * bytes. The file lives in the given folder (so it uses the output's disk) and is deleted on {@link #close()}.
 * Not thread-safe.
 */
final class ValueSpill implements AutoCloseable {
    private static final int CHUNK = 1 << 18;

    private final ScratchFile file;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long size;

    private ValueSpill(ScratchFile file) {
        this.file = file;
    }

    /** A new, empty spill file in {@code folder} named after {@code name}. */
    static ValueSpill in(Path folder, String name) throws IOException {
        return new ValueSpill(ScratchFile.in(folder, name));
    }

    /** Number of values written so far. */
    long size() {
        return size;
    }

    /** Appends {@code values} rounded to float32. */
    void appendFloats(double[] values) throws IOException {
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            for (int i = 0; i < n; i++) {
                buffer.putFloat((float) values[from + i]);
            }
            flush(n);
        }
    }

    /** Appends {@code src[off .. off + n)} (uint32 bits). */
    void appendInts(int[] src, int off, int n) throws IOException {
        for (int done = 0; done < n; ) {
            int m = Math.min(CHUNK, n - done);
            buffer.clear();
            buffer.asIntBuffer().put(src, off + done, m);
            buffer.limit(4 * m);
            flush(m);
            done += m;
        }
    }

    private void flush(int n) throws IOException {
        buffer.position(0).limit(4 * n);
        file.write(buffer, 4 * size);
        size += n;
    }

    /** Reads {@code n} float32 values starting at value {@code position} into {@code dst}. */
    void readFloats(long position, float[] dst, int n) throws IOException {
        for (int done = 0; done < n; ) {
            int m = fill(position, done, n);
            buffer.asFloatBuffer().get(dst, done, m);
            done += m;
        }
    }

    /** Reads {@code n} int values starting at value {@code position} into {@code dst[off ..]}. */
    void readInts(long position, int[] dst, int off, int n) throws IOException {
        for (int done = 0; done < n; ) {
            int m = fill(position, done, n);
            buffer.asIntBuffer().get(dst, off + done, m);
            done += m;
        }
    }

    /** Reads the next chunk of a read of {@code n} values at {@code position}, {@code done} of them read. */
    private int fill(long position, int done, int n) throws IOException {
        if (position < 0 || position + n > size) {
            throw new IndexOutOfBoundsException("values " + position + ".." + (position + n) + " of " + size);
        }
        int m = Math.min(CHUNK, n - done);
        buffer.clear().limit(4 * m);
        file.read(buffer, 4 * (position + done));
        buffer.flip();
        return m;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
