package org.convpaint.pipeline;

import org.convpaint.CanceledException;

/** Maps a stage's progress [0, 1] into the range [from, to] of an enclosing monitor. */
final class SubMonitor implements ProgressMonitor {
    private final ProgressMonitor parent;
    private final double from;
    private final double to;

    SubMonitor(ProgressMonitor parent, double from, double to) {
        this.parent = parent;
        this.from = from;
        this.to = to;
    }

    @Override
    public void progress(double fraction, String stage) {
        parent.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), stage);
    }

    @Override
    public void checkCanceled() throws CanceledException {
        parent.checkCanceled();
    }
}
