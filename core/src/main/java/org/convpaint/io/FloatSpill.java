package org.convpaint.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.convpaint.scratch.ScratchFile;

/**
 * float32 values appended to a {@link ScratchFile} and read back from any position: lets a writer hold results of
 * many timepoints on disk instead of in memory. The file lives in the given folder (so it uses the output's disk)
 * and is deleted on {@link #close()}. Not thread-safe.
 */
final class FloatSpill implements AutoCloseable {
    private static final int CHUNK = 1 << 18;

    private final ScratchFile file;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long size;

    private FloatSpill(ScratchFile file) {
        this.file = file;
    }

    /** A new, empty spill file in {@code folder} named after {@code name}. */
    static FloatSpill in(Path folder, String name) throws IOException {
        return new FloatSpill(ScratchFile.in(folder, name));
    }

    /** Number of values written so far. */
    long size() {
        return size;
    }

    /** Appends {@code values} rounded to float32. */
    void append(double[] values) throws IOException {
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            for (int i = 0; i < n; i++) {
                buffer.putFloat((float) values[from + i]);
            }
            buffer.flip();
            file.write(buffer, 4 * size);
            size += n;
        }
    }

    /** Reads {@code n} values starting at value {@code position} into {@code dst}. */
    void read(long position, float[] dst, int n) throws IOException {
        if (position < 0 || position + n > size) {
            throw new IndexOutOfBoundsException("values " + position + ".." + (position + n) + " of " + size);
        }
        for (int done = 0; done < n; ) {
            int m = Math.min(CHUNK, n - done);
            buffer.clear().limit(4 * m);
            file.read(buffer, 4 * (position + done));
            buffer.flip();
            buffer.asFloatBuffer().get(dst, done, m);
            done += m;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
