package org.convpaint.grid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owns the grids made in scratch files while one timepoint is processed: those made through it and whatever is
 * handed to {@link #own}. Closing the scope closes them all, deleting their files, so no stage deletes files by
 * hand, whether it succeeds or fails; {@link #release} frees one early. Grids in the heap are not tracked.
 * Thread-safe.
 */
public final class GridScope implements AutoCloseable {
    private final Path folder;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    /** @param folder where the scope's scratch files go */
    public GridScope(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Labels of this shape in a new scratch file owned by the scope (each label written before it is read). */
    public IntGrid labelsOnDisk(GridShape shape) throws IOException {
        return own(IntScratchGrid.create(shape, folder, "convpaint-labels"));
    }

    /** Class probabilities (float64) of this shape in a new scratch file owned by the scope. */
    public DoubleGrid probabilitiesOnDisk(GridShape shape) throws IOException {
        return own(DoubleScratchGrid.create(shape, DoubleScratchGrid.Precision.FLOAT64, folder,
                "convpaint-probabilities"));
    }

    /**
     * A new grid of {@code grid}'s shape where {@code grid} is: zeros in the heap if it is in the heap, else a new
     * scratch file owned by the scope. Stages that turn one grid into another use this, so the choice between heap
     * and disk is made once, for the first grid.
     */
    public IntGrid sibling(IntGrid grid) throws IOException {
        return grid.array() != null ? IntArrayGrid.zeros(grid.shape()) : labelsOnDisk(grid.shape());
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
