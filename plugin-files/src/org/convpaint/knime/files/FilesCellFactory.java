package org.convpaint.knime.files;

import java.util.LinkedHashSet;
import java.util.Set;

import org.convpaint.CanceledException;
import org.convpaint.features.DjlRuntime;
import org.convpaint.knime.common.ExecutionProgress;
import org.convpaint.knime.files.batch.RowProcessor;
import org.convpaint.knime.files.batch.RowResult;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeLogger;

/**
 * Produces the new cells of each row: the row's file ({@link PathCells}) goes through the {@link RowProcessor}
 * (inside the engine's class loader context) and its {@link RowResult} becomes cells ({@link ResultColumns}). A
 * missing path cell gives missing cells and no warning; a row whose file cannot be used or segmented gives missing
 * files, status {@code failed} and its reason, is logged and counted for the node warning, and the node goes on.
 * Rows are processed one after the other (the predictor is not thread-safe; it uses all cores itself).
 */
final class FilesCellFactory extends AbstractCellFactory {
    private static final NodeLogger LOGGER = NodeLogger.getLogger(FilesCellFactory.class);
    private static final int MAX_REPORTED_WARNINGS = 20;

    /**
     * What execution needs; absent when the factory only describes the columns (configure).
     *
     * @param processor the model and output settings
     * @param exec      the node's monitor (progress, cancel)
     * @param rowCount  rows of the input table
     */
    record Run(RowProcessor processor, ExecutionMonitor exec, long rowCount) {
    }

    private final ResultColumns m_columns;
    private final int m_pathColumn;
    private final Run m_run;
    private final Set<String> m_engineWarnings = new LinkedHashSet<>();
    private int m_failed;
    private String m_firstFailure;
    private int m_skipped;
    private String m_firstSkip;
    private boolean m_canceled;

    /**
     * @param columns    the new columns
     * @param pathColumn index of the path column in the input
     * @param run        null to describe the columns only
     */
    FilesCellFactory(final ResultColumns columns, final int pathColumn, final Run run) {
        super(columns.specs());
        m_columns = columns;
        m_pathColumn = pathColumn;
        m_run = run;
    }

    @Override
    public DataCell[] getCells(final DataRow row, final long rowIndex) {
        final DataCell cell = row.getCell(m_pathColumn);
        if (m_run == null || cell.isMissing() || m_canceled) {
            return m_columns.missing();
        }
        final String key = row.getKey().getString();
        RowResult result;
        try {
            final PathCells.Located file = PathCells.locate(cell);
            if (file.problem() != null) {
                result = RowResult.failed(file.problem(), null);
            } else {
                final ExecutionProgress progress =
                    new ExecutionProgress(m_run.exec(), rowIndex, m_run.rowCount(), key);
                result = DjlRuntime.withEngineClassLoader(
                    () -> m_run.processor().process(key, file.path(), progress));
            }
        } catch (CanceledException e) {
            m_canceled = true;
            return m_columns.missing();
        } catch (RuntimeException e) {
            LOGGER.warn("Convpaint: row " + key + ": internal error: " + e, e);
            result = RowResult.failed("internal error: " + e, null);
        }
        account(key, result);
        return m_columns.cells(result);
    }

    private void account(final String key, final RowResult r) {
        final String message = key + ": " + r.message();
        switch (r.status()) {
            case FAILED:
                m_failed++;
                if (m_firstFailure == null) {
                    m_firstFailure = message;
                }
                LOGGER.warn("Convpaint: row " + message);
                break;
            case SKIPPED:
                m_skipped++;
                if (m_firstSkip == null) {
                    m_firstSkip = message;
                }
                LOGGER.info("Convpaint: row " + message);
                break;
            default:
                for (String w : r.warnings()) {
                    if (m_engineWarnings.size() < MAX_REPORTED_WARNINGS && m_engineWarnings.add(w)) {
                        LOGGER.warn("Convpaint: " + key + ": " + w);
                    }
                }
        }
    }

    /** @return whether execution was cancelled (the remaining rows got missing cells) */
    boolean canceled() {
        return m_canceled;
    }

    /** @return rows that failed */
    int failedRows() {
        return m_failed;
    }

    /** @return "row key: reason" of the first failed row, or null */
    String firstFailure() {
        return m_firstFailure;
    }

    /** @return rows skipped (outputs existed, or the file is itself an output) */
    int skippedRows() {
        return m_skipped;
    }

    /** @return "row key: reason" of the first skipped row, or null */
    String firstSkip() {
        return m_firstSkip;
    }

    /** @return the engine's notes for the images (deduplicated, at most 20) */
    Set<String> engineWarnings() {
        return m_engineWarnings;
    }
}
