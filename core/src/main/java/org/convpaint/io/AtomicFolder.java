package org.convpaint.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.convpaint.scratch.TempFiles;

/**
 * Builds a folder (a Zarr store) so that it appears complete or not at all: content goes to a hidden temporary
 * folder beside the target ({@code .NAME.HOST-PID-ID.part}, see {@link TempFiles}), which is renamed onto the
 * target on {@link #commit()}. An existing target is first renamed to another hidden temporary name and deleted
 * after the new folder is in place, so at no moment does a half-written folder carry the target's name.
 * {@link #close()} without commit deletes the temporary folder. Not thread-safe.
 */
public final class AtomicFolder implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFolder(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the hidden temporary folder for {@code target} (and the target's parent if needed). */
    public static AtomicFolder to(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = TempFiles.partial(target);
        Files.createDirectory(temp);
        return new AtomicFolder(target, temp);
    }

    /** Where to build the content. */
    public Path temporaryFolder() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Moves the finished folder onto the target, replacing an existing one. */
    public void commit() throws IOException {
        Path old = null;
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            old = TempFiles.partial(target);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        committed = true;
        if (old != null) {
            TempFiles.deleteTree(old);
        }
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            TempFiles.deleteTree(temp);
        }
    }
}
