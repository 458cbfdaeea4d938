package org.convpaint.knime.common;

import org.convpaint.CanceledException;
import org.convpaint.pipeline.ProgressMonitor;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * The engine's progress and cancel callback over a KNIME {@link ExecutionMonitor}: progress within the image of row
 * {@code row} of {@code rows} maps to the node's overall progress, and the engine's cancel checks (between planes,
 * tiles and row blocks) ask KNIME whether the user cancelled. Used by both Convpaint nodes. Thread-safe as the
 * monitor is.
 */
public final class ExecutionProgress implements ProgressMonitor {
    private final ExecutionMonitor exec;
    private final long row;
    private final long rows;
    private final String rowKey;

    /**
     * @param exec   the node's monitor
     * @param row    index of the row being processed (0-based)
     * @param rows   number of rows of the table (at least 1 is assumed)
     * @param rowKey the row's key, shown in the progress message
     */
    public ExecutionProgress(final ExecutionMonitor exec, final long row, final long rows, final String rowKey) {
        this.exec = exec;
        this.row = row;
        this.rows = Math.max(1, rows);
        this.rowKey = rowKey;
    }

    @Override
    public void progress(final double fraction, final String stage) {
        final double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        exec.setProgress((row + f) / rows,
            () -> "Row " + (row + 1) + " of " + rows + " (" + rowKey + "): " + stage);
    }

    @Override
    public void checkCanceled() throws CanceledException {
        try {
            exec.checkCanceled();
        } catch (CanceledExecutionException e) {
            throw new CanceledException();
        }
    }
}
