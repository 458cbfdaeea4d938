package org.convpaint.knime.files;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.convpaint.knime.common.LocalFiles;
import org.convpaint.knime.common.PredictionSettings;
import org.convpaint.knime.common.SettingsList;
import org.convpaint.knime.files.ResultColumns.Column;
import org.convpaint.knime.files.batch.AxesText;
import org.convpaint.knime.files.batch.OutputChoice;
import org.convpaint.knime.files.batch.RowProcessor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of the Convpaint Predictor (Files) node. The config keys are the persistence format (workflows, flow
 * variables, {@code -option=} of the batch executor): never rename them. Not thread-safe.
 *
 * <p><b>Compatibility contract</b> (the same as the image node's, through {@link SettingsList}): every key is
 * optional on loading &mdash; a key the saved settings lack takes its default &mdash; and a key that is present must
 * hold a valid value, else the settings are refused unchanged. The model and prediction settings ({@code model_file}
 * ... {@code channels}) are the {@link PredictionSettings} the image node has too, with the same keys and defaults.
 */
final class ConvpaintFilesSettings {

    private final SettingsList m_all = new SettingsList();

    /** {@code path_column}: the column with the files; empty = chosen on configure. */
    final SettingsModelString pathColumn = m_all.string("path_column", "");
    /** {@code model_file} ... {@code channels}, shared with the image node. */
    final PredictionSettings prediction = new PredictionSettings(m_all);
    /** {@code axes}: axes of all files (e.g. {@code TZYX}); empty = from each file's metadata, else tmidas' rule. */
    final SettingsModelString axes = m_all.string("axes", "");
    /** {@code output_folder}: folder of all outputs (path or {@code knime://} URL); empty = next to each input. */
    final SettingsModelString outputFolder = m_all.string("output_folder", "");
    /** {@code file_format}: {@code input} (default: the input's own), {@code tiff} or {@code zarr}. */
    final SettingsModelString fileFormat = m_all.string("file_format", OutputChoice.INPUT.value());
    /** {@code file_suffix}: label name suffix, default {@code _convpaint_labels}. */
    final SettingsModelString fileSuffix = m_all.string("file_suffix", PredictionSettings.DEFAULT_FILE_SUFFIX);
    /** {@code overwrite}: replace existing outputs; default false (rows with existing outputs are skipped). */
    final SettingsModelBoolean overwrite = m_all.bool("overwrite", false);
    /** {@code probabilities}: also write class probabilities and append their column; default false. */
    final SettingsModelBoolean probabilities = m_all.bool("probabilities", false);
    /** {@code axes_column}: append the axes used; default true. */
    final SettingsModelBoolean axesColumn = m_all.bool("axes_column", true);
    /** {@code shape_column}: append the input's shape; default true. */
    final SettingsModelBoolean shapeColumn = m_all.bool("shape_column", true);
    /** {@code seconds_column}: append the seconds per file; default true. */
    final SettingsModelBoolean secondsColumn = m_all.bool("seconds_column", true);
    /** {@code status_column}: append done/skipped/failed; default true. */
    final SettingsModelBoolean statusColumn = m_all.bool("status_column", true);
    /** {@code error_column}: append why a row was skipped or failed; default true. */
    final SettingsModelBoolean errorColumn = m_all.bool("error_column", true);

    /** Saves every setting. */
    void save(final NodeSettingsWO settings) {
        m_all.save(settings);
    }

    /**
     * Checks saved settings without changing these: present keys by their models, absent keys as defaults, then
     * {@link #check()} on the result.
     *
     * @throws InvalidSettingsException if a present value is invalid
     */
    void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        final ConvpaintFilesSettings copy = new ConvpaintFilesSettings();
        copy.load(settings);
        copy.check();
    }

    /**
     * Loads saved settings: each present key after its model has validated it, each absent key as its default.
     *
     * @throws InvalidSettingsException if a present value is invalid; nothing changes then
     */
    void load(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_all.load(settings);
    }

    /** Checks the values the settings models cannot check themselves. */
    void check() throws InvalidSettingsException {
        prediction.check();
        final String axesProblem = AxesText.problem(axes.getStringValue());
        if (axesProblem != null) {
            throw new InvalidSettingsException(axesProblem);
        }
        PredictionSettings.checkFileSuffix(fileSuffix.getStringValue());
        fileFormatValue();
    }

    /** @return the output format choice */
    OutputChoice fileFormatValue() throws InvalidSettingsException {
        try {
            return OutputChoice.parse(fileFormat.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("The file format must be 'input', 'tiff' or 'zarr', not '"
                + fileFormat.getStringValue() + "'", e);
        }
    }

    /** @return the output folder as a local path, or null to write next to each input */
    Path outputFolderPath() throws InvalidSettingsException {
        return outputFolder.getStringValue().isBlank() ? null
            : LocalFiles.resolve(outputFolder.getStringValue(), "output folder");
    }

    /** @return the optional columns chosen (the labels column is always there) */
    Set<Column> columns() {
        final Set<Column> c = EnumSet.noneOf(Column.class);
        if (probabilities.getBooleanValue()) {
            c.add(Column.PROBABILITIES);
        }
        addIf(c, axesColumn, Column.AXES);
        addIf(c, shapeColumn, Column.SHAPE);
        addIf(c, secondsColumn, Column.SECONDS);
        addIf(c, statusColumn, Column.STATUS);
        addIf(c, errorColumn, Column.ERROR);
        return c;
    }

    private static void addIf(final Set<Column> columns, final SettingsModelBoolean wanted, final Column c) {
        if (wanted.getBooleanValue()) {
            columns.add(c);
        }
    }

    /**
     * @param folder the resolved output folder, or null
     * @return how the rows are processed
     */
    RowProcessor.Settings rowSettings(final Path folder) throws InvalidSettingsException {
        return new RowProcessor.Settings(folder, fileFormatValue(), fileSuffix.getStringValue(),
            overwrite.getBooleanValue(), probabilities.getBooleanValue(), axes.getStringValue(),
            prediction.channelList());
    }
}
