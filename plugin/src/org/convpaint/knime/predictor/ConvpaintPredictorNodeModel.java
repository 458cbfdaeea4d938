package org.convpaint.knime.predictor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.knime.common.LocalFiles;
import org.convpaint.knime.common.PredictorCache;
import org.convpaint.run.ImagePredictor;
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
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * The Convpaint Predictor: applies a napari-convpaint model to the images of one column and appends (or puts in
 * place of the image) a labeling column, optionally a probabilities column, and optionally writes label files. All
 * image processing is the engine's ({@code org.convpaint.*}); this class reads settings, resolves files, keeps the
 * loaded model between executions and reports problems.
 *
 * <p>The loaded model ({@link ImagePredictor}) is kept while the model file (path, modification time, size), the
 * weights file and the options stay the same, so re-executing after a reset does not reload it; it is released when
 * any of them changes and when the node is disposed.
 */
final class ConvpaintPredictorNodeModel extends NodeModel {
    private final ConvpaintPredictorSettings m_settings = new ConvpaintPredictorSettings();

    /** The loaded model, kept between executions (see the class comment). */
    private final PredictorCache m_predictors = new PredictorCache();

    ConvpaintPredictorNodeModel() {
        super(1, 1);
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        final DataTableSpec spec = inSpecs[0];
        final int column = imageColumnIndex(spec);
        m_settings.prediction.checkModelChosen();
        m_settings.check();
        return new DataTableSpec[] {createRearranger(spec, column, createFactory(spec, column, null)).createSpec()};
    }

    /** The image column: the configured one, or the last image column if none is configured yet. */
    private int imageColumnIndex(final DataTableSpec spec) throws InvalidSettingsException {
        final String name = m_settings.imageColumn.getStringValue();
        if (name == null || name.isEmpty()) {
            for (int i = spec.getNumColumns() - 1; i >= 0; i--) {
                if (spec.getColumnSpec(i).getType().isCompatible(ImgPlusValue.class)) {
                    m_settings.imageColumn.setStringValue(spec.getColumnSpec(i).getName());
                    setWarningMessage("Image column '" + spec.getColumnSpec(i).getName() + "' selected");
                    return i;
                }
            }
            throw new InvalidSettingsException("The input table has no image column");
        }
        final int i = spec.findColumnIndex(name);
        if (i < 0) {
            throw new InvalidSettingsException("The image column '" + name + "' is not in the input table");
        }
        if (!spec.getColumnSpec(i).getType().isCompatible(ImgPlusValue.class)) {
            throw new InvalidSettingsException("Column '" + name + "' does not hold images");
        }
        return i;
    }

    /** The factory of the new column(s): labeling, then probabilities if wanted (names: {@link OutputColumns}). */
    private PredictorCellFactory createFactory(final DataTableSpec spec, final int column,
            final PredictorCellFactory.Run run) {
        return new PredictorCellFactory(OutputColumns.specs(spec, column, m_settings.replaceColumn.getBooleanValue(),
            m_settings.columnSuffix.getStringValue(), m_settings.probabilities.getBooleanValue()), column, run);
    }

    /** Appends the new columns, or puts them where the image column was. */
    private ColumnRearranger createRearranger(final DataTableSpec spec, final int column,
            final PredictorCellFactory factory) {
        return OutputColumns.rearranger(spec, column, m_settings.replaceColumn.getBooleanValue(), factory);
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
            throws Exception {
        final BufferedDataTable table = inData[0];
        final DataTableSpec spec = table.getDataTableSpec();
        final int column = imageColumnIndex(spec);
        m_settings.check();
        final Path model = m_settings.prediction.modelPath();
        final List<Path> weights = m_settings.prediction.weightsPaths();
        Path folder = null;
        if (m_settings.writeFiles.getBooleanValue()) {
            folder = LocalFiles.resolve(m_settings.outputFolder.getStringValue(), "output folder");
            Files.createDirectories(folder);
            TempFiles.removeStale(folder); // partial files of a killed KNIME on this machine
        }
        TempFiles.removeStale(m_settings.predictionOptions().storage().scratchFolder());
        exec.setMessage("Loading model " + model.getFileName());
        final ImagePredictor predictor = m_predictors.get(model, weights, m_settings.predictionOptions());
        exec.checkCanceled();

        final PredictorCellFactory.Run run = new PredictorCellFactory.Run(predictor, m_settings.channelList(), exec,
            table.size(), folder, m_settings.fileSuffix.getStringValue(), m_settings.fileFormatValue(),
            m_settings.overwrite.getBooleanValue());
        final PredictorCellFactory factory = createFactory(spec, column, run);
        final BufferedDataTable out =
                exec.createColumnRearrangeTable(table, createRearranger(spec, column, factory), exec);
        if (factory.canceled()) {
            throw new CanceledExecutionException();
        }
        report(factory, table.size());
        return new BufferedDataTable[] {out};
    }

    private void report(final PredictorCellFactory factory, final long rows) {
        final List<String> parts = new ArrayList<>();
        if (factory.failedRows() > 0) {
            parts.add(factory.failedRows() + " of " + rows + " row" + (rows == 1 ? "" : "s")
                + " failed and got missing cells (see the log); first: " + factory.firstFailure());
        }
        if (factory.skippedFiles() > 0) {
            parts.add(factory.skippedFiles() + " label file" + (factory.skippedFiles() == 1 ? "" : "s")
                + " already existed and were not replaced (enable 'Overwrite existing files')");
        }
        parts.addAll(m_predictors.warnings());
        parts.addAll(factory.engineWarnings());
        if (!parts.isEmpty()) {
            setWarningMessage(String.join("\n", parts));
        }
    }

    @Override
    protected void reset() {
        // the loaded model is kept on purpose (see class comment); it is released in onDispose()
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
