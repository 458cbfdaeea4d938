package org.convpaint.pipeline;

import org.convpaint.CanceledException;

/**
 * Receives progress of a long computation and lets the caller cancel it. Implementations must be thread-safe:
 * worker threads report progress.
 */
public interface ProgressMonitor {
    /** Ignores progress and never cancels. */
    ProgressMonitor NONE = new ProgressMonitor() {
        @Override
        public void progress(double fraction, String stage) {
        }

        @Override
        public void checkCanceled() {
        }
    };

    /**
     * @param fraction completed fraction of the current image, in [0, 1]
     * @param stage    short name of the running stage
     */
    void progress(double fraction, String stage);

    /** Throws if the user asked to stop; called between planes, tiles and row blocks. */
    void checkCanceled() throws CanceledException;
}
