package org.convpaint.grid;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.convpaint.scratch.TempFiles;

/**
 * A hidden scratch file written and read at byte positions; deleted on {@link #close()}, and at JVM exit if a run
 * is interrupted. Positional reads and writes of disjoint ranges may come from several threads.
 */
final class ScratchFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;

    private ScratchFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new empty file in {@code folder} named {@code .NAME.HOST-PID-ID.scratch} (see {@link TempFiles}). */
    static ScratchFile in(Path folder, String name) throws IOException {
        Path path = Files.createTempFile(folder, TempFiles.prefix(name), ".scratch");
        path.toFile().deleteOnExit();
        try {
            return new ScratchFile(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Writes all remaining bytes of {@code b} from byte {@code position}. */
    void write(ByteBuffer b, long position) throws IOException {
        long start = position - b.position();
        while (b.hasRemaining()) {
            channel.write(b, start + b.position());
        }
    }

    /** Fills the remaining space of {@code b} from byte {@code position}; fails at the end of the file. */
    void read(ByteBuffer b, long position) throws IOException {
        long start = position - b.position();
        while (b.hasRemaining()) {
            if (channel.read(b, start + b.position()) < 0) {
                throw new IOException("unexpected end of the scratch file " + path);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
