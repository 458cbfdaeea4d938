package org.convpaint.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.convpaint.scratch.TempFiles;

/**
 * Writes a file so that it appears complete or not at all: content goes to a hidden temporary file in the target
 * folder ({@code .NAME.HOST-PID-ID.part}, see {@link TempFiles}), which is renamed over the target on
 * {@link #commit()}; {@link #close()} without commit deletes it.
 * Not thread-safe.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Prepares writing {@code target}; creates its folder if needed. */
    public static AtomicOutput to(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createFile (unlike createTempFile) keeps the umask's permissions, so the result looks like any output
        Path temp = TempFiles.partial(target);
        Files.createFile(temp);
        temp.toFile().deleteOnExit(); // an interrupted run (Ctrl-C) leaves no partial file behind
        return new AtomicOutput(target, temp);
    }

    /** Where to write the content. */
    public Path temporaryFile() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Moves the finished temporary file onto the target (replacing it). */
    public void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
