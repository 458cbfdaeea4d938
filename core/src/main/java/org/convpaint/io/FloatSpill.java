package org.convpaint.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * float32 values appended to a hidden scratch file and read back from any position: lets a writer hold results of
 * many timepoints on disk instead of in memory. The file lives in the given folder (so it uses the output's disk)
 * and is deleted on {@link #close()} (and at JVM exit if a run is interrupted). Not thread-safe.
 */
final class FloatSpill implements AutoCloseable {
    private static final int CHUNK = 1 << 18;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long size;

    private FloatSpill(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** A new, empty spill file in {@code folder} named after {@code name}. */
    static FloatSpill in(Path folder, String name) throws IOException {
        Path file = folder.resolve("." + name + "." + Long.toHexString(System.nanoTime()) + ".spill");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        file.toFile().deleteOnExit();
        return new FloatSpill(file, ch);
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
            while (buffer.hasRemaining()) {
                channel.write(buffer, 4 * size + buffer.position());
            }
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
            long at = 4 * (position + done);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, at + buffer.position()) < 0) {
                    throw new IOException("unexpected end of " + file);
                }
            }
            buffer.flip();
            buffer.asFloatBuffer().get(dst, done, m);
            done += m;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
