package org.convpaint.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owns the scratch files made while one timepoint is processed: the label volumes on disk made through it and
 * whatever is handed to {@link #own}. Closing the scope closes them all, deleting their files, so no stage deletes
 * files by hand, whether it succeeds or fails; {@link #release} frees one early. Volumes in memory are not tracked.
 * Thread-safe.
 */
public final class ScratchScope implements AutoCloseable {
    private final Path folder;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** @param folder where the scope's scratch files go */
    public ScratchScope(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Labels of this shape in a new scratch file owned by the scope (each label written before it is read). */
    public LabelVolume labelsOnDisk(int depth, int height, int width) throws IOException {
        return own(LabelVolume.onDisk(depth, height, width, folder));
    }

    /** {@link LabelVolume#sibling} of {@code volume}, owned by the scope when it is on disk. */
    public LabelVolume sibling(LabelVolume volume) throws IOException {
        LabelVolume s = volume.sibling(folder);
        return s.inMemory() ? s : own(s);
    }

    /** Hands {@code resource} to the scope, which closes it on {@link #close()}. */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** Closes {@code resource} now (freeing its disk space) instead of at the end of the scope. */
    public void release(AutoCloseable resource) throws IOException {
        synchronized (this) {
            if (!owned.remove(resource)) {
                return;
            }
        }
        closeOne(resource);
    }

    /** Closes everything owned, the newest first; the first failure is thrown after all were tried. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = owned.poll();
            }
            if (next == null) {
                break;
            }
            try {
                closeOne(next);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void closeOne(AutoCloseable resource) throws IOException {
        try {
            resource.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
