package org.convpaint.knime.files;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.knime.common.PredictorCache;
import org.convpaint.knime.files.batch.RowProcessor;
import org.convpaint.run.FilePredictor;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.PredictionOptions;
import org.convpaint.scratch.TempFiles;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/**
 * The Convpaint Predictor (Files): applies a napari-convpaint model to the image files (TIFF, OME-Zarr) a column
 * names, writes each one's label file (and optionally its probabilities) as {@code convpaint predict} does, and
 * appends the written files and what happened per row. All image processing and writing is the engine's; the
 * per-row logic is {@link RowProcessor}'s; this class reads settings, resolves files, keeps the loaded model between
 * executions ({@link PredictorCache}: same model file, weights and options) and reports problems.
 */
final class ConvpaintFilesNodeModel extends NodeModel {
    private final ConvpaintFilesSettings m_settings = new ConvpaintFilesSettings();

    private final PredictorCache m_predictors = new PredictorCache();

    ConvpaintFilesNodeModel() {
        super(1, 1);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        final DataTableSpec spec = inSpecs[0];
        final int column = pathColumnIndex(spec);
        m_settings.prediction.checkModelChosen();
        m_settings.check();
        return new DataTableSpec[] {rearranger(spec, new FilesCellFactory(columns(spec), column, null)).createSpec()};
    }

    /** The path column: the configured one, or the last path column, else the last string column. */
    private int pathColumnIndex(final DataTableSpec spec) throws InvalidSettingsException {
        final String name = m_settings.pathColumn.getStringValue();
        if (name == null || name.isEmpty()) {
            int found = -1;
            for (int i = spec.getNumColumns() - 1; i >= 0 && found < 0; i--) {
                if (PathCells.isLocationType(spec.getColumnSpec(i).getType())) {
                    found = i;
                }
            }
            for (int i = spec.getNumColumns() - 1; i >= 0 && found < 0; i--) {
                if (PathCells.isPathType(spec.getColumnSpec(i).getType())) {
                    found = i;
                }
            }
            if (found < 0) {
                throw new InvalidSettingsException("The input table has no path or string column");
            }
            m_settings.pathColumn.setStringValue(spec.getColumnSpec(found).getName());
            setWarningMessage("Path column '" + spec.getColumnSpec(found).getName() + "' selected");
            return found;
        }
        final int i = spec.findColumnIndex(name);
        if (i < 0) {
            throw new InvalidSettingsException("The path column '" + name + "' is not in the input table");
        }
        if (!PathCells.isPathType(spec.getColumnSpec(i).getType())) {
            throw new InvalidSettingsException("Column '" + name + "' holds neither paths nor strings");
        }
        return i;
    }

    private ResultColumns columns(final DataTableSpec spec) {
        return new ResultColumns(spec, m_settings.columns());
    }

    private static ColumnRearranger rearranger(final DataTableSpec spec, final FilesCellFactory factory) {
        final ColumnRearranger rearranger = new ColumnRearranger(spec);
        rearranger.append(factory);
        return rearranger;
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
            throws Exception {
        final BufferedDataTable table = inData[0];
        final DataTableSpec spec = table.getDataTableSpec();
        final int column = pathColumnIndex(spec);
        m_settings.check();
        final Path model = m_settings.prediction.modelPath();
        final List<Path> weights = m_settings.prediction.weightsPaths();
        final Path folder = m_settings.outputFolderPath();
        if (folder != null) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new InvalidSettingsException("Cannot create the output folder " + folder + ": " + e, e);
            }
        }
        final PredictionOptions options = m_settings.prediction.options(m_settings.probabilities.getBooleanValue());
        TempFiles.removeStale(options.storage().scratchFolder());
        exec.setMessage("Loading model " + model.getFileName());
        final ImagePredictor predictor = m_predictors.get(model, weights, options);
        exec.checkCanceled();

        final RowProcessor processor = new RowProcessor(new FilePredictor(predictor), m_settings.rowSettings(folder));
        final FilesCellFactory factory =
            new FilesCellFactory(columns(spec), column, new FilesCellFactory.Run(processor, exec, table.size()));
        final BufferedDataTable out = exec.createColumnRearrangeTable(table, rearranger(spec, factory), exec);
        if (factory.canceled()) {
            throw new CanceledExecutionException();
        }
        report(factory, table.size());
        return new BufferedDataTable[] {out};
    }

    private void report(final FilesCellFactory factory, final long rows) {
        final List<String> parts = new ArrayList<>();
        final String ofRows = " of " + rows + " row" + (rows == 1 ? "" : "s");
        if (factory.failedRows() > 0) {
            parts.add(factory.failedRows() + ofRows + " failed and got no files (see the Error column and the log); "
                + "first: " + factory.firstFailure());
        }
        if (factory.skippedRows() > 0) {
            parts.add(factory.skippedRows() + ofRows + " skipped; first: " + factory.firstSkip());
        }
        parts.addAll(m_predictors.warnings());
        parts.addAll(factory.engineWarnings());
        if (!parts.isEmpty()) {
            setWarningMessage(String.join("\n", parts));
        }
    }

    @Override
    protected void reset() {
        // the loaded model is kept on purpose (see the class comment); it is released in onDispose()
    }

    @Override
    protected void onDispose() {
        m_predictors.release();
        super.onDispose();
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        m_settings.save(settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.validate(settings);
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_settings.load(settings);
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing: the output table holds everything
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // nothing: the output table holds everything
    }
}
