package org.convpaint.knime.predictor;

import java.util.List;

import org.convpaint.io.OutputFormat;
import org.convpaint.knime.common.PredictionSettings;
import org.convpaint.knime.common.SettingsList;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of the Convpaint Predictor node. The config keys are the persistence format (workflows, flow
 * variables, {@code -option=} of the batch executor): never rename them. Not thread-safe.
 *
 * <p><b>Compatibility contract.</b> Every setting is declared once, below, with its key and default, in a
 * {@link SettingsList}: loading (and validating) takes each key that the saved settings contain, after checking its
 * value with its settings model; a key they do not contain (a workflow saved before the key existed, or settings
 * written by hand) takes its default. So a key added in a later version never makes older workflows fail to load.
 * Values that the models cannot check themselves are checked by {@link #check()}. The model and prediction settings
 * ({@code model_file} ... {@code channels}) are the {@link PredictionSettings} shared with the file node.
 */
final class ConvpaintPredictorSettings {
    static final String SEMANTIC = PredictionSettings.SEMANTIC;
    static final String INSTANCE = PredictionSettings.INSTANCE;
    static final String DEFAULT_FILE_SUFFIX = PredictionSettings.DEFAULT_FILE_SUFFIX;
    static final String DEFAULT_COLUMN_SUFFIX = "_labels";
    static final String PROBABILITIES_SUFFIX = "_probabilities";
    static final String TIFF = "tiff";
    static final String ZARR = "zarr";

    /** Every setting, in declaration (and saving) order; filled by the field initialisers below. */
    private final SettingsList all = new SettingsList();

    final SettingsModelString imageColumn = all.string("image_column", "");
    /** {@code model_file} ... {@code channels}, declared here so that the saving order stays as it was. */
    final PredictionSettings prediction = new PredictionSettings(all);
    final SettingsModelString modelFile = prediction.modelFile;
    final SettingsModelString weightsFile = prediction.weightsFile;
    final SettingsModelString dinoWeightsFile = prediction.dinoWeightsFile;
    final SettingsModelIntegerBounded downsample = prediction.downsample;
    final SettingsModelString outputType = prediction.outputType;
    final SettingsModelIntegerBounded backgroundLabel = prediction.backgroundLabel;
    final SettingsModelBoolean useCpu = prediction.useCpu;
    final SettingsModelString channels = prediction.channels;
    final SettingsModelBoolean replaceColumn = all.bool("replace_column", false);
    final SettingsModelString columnSuffix = all.string("column_suffix", DEFAULT_COLUMN_SUFFIX);
    final SettingsModelBoolean probabilities = all.bool("probabilities", false);
    final SettingsModelBoolean writeFiles = all.bool("write_files", false);
    final SettingsModelString outputFolder = all.string("output_folder", "");
    final SettingsModelString fileSuffix = all.string("file_suffix", DEFAULT_FILE_SUFFIX);
    final SettingsModelBoolean overwrite = all.bool("overwrite", false);
    /** Added in 0.2: workflows saved before have no such key and keep writing TIFF. */
    final SettingsModelString fileFormat = all.string("file_format", TIFF);

    ConvpaintPredictorSettings() {
        replaceColumn.addChangeListener(e -> updateEnabled());
        writeFiles.addChangeListener(e -> updateEnabled());
        updateEnabled();
    }

    /** Options that depend on others are disabled while they do not apply. */
    void updateEnabled() {
        columnSuffix.setEnabled(!replaceColumn.getBooleanValue());
        final boolean write = writeFiles.getBooleanValue();
        outputFolder.setEnabled(write);
        fileSuffix.setEnabled(write);
        overwrite.setEnabled(write);
        fileFormat.setEnabled(write);
    }

    /** Saves every setting. */
    void save(final NodeSettingsWO settings) {
        all.save(settings);
    }

    /**
     * Checks saved settings without changing these: the present keys by their models, absent keys as defaults,
     * then {@link #check()} on the result.
     *
     * @throws InvalidSettingsException if a present value is invalid or the combination is
     */
    void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        final ConvpaintPredictorSettings copy = new ConvpaintPredictorSettings();
        copy.load(settings);
        copy.check();
    }

    /**
     * Loads saved settings: each present key after its model has validated it, each absent key as its default.
     * Nothing changes if a present value is invalid.
     *
     * @throws InvalidSettingsException if a present value is invalid
     */
    void load(final NodeSettingsRO settings) throws InvalidSettingsException {
        all.load(settings);
        updateEnabled();
    }

    /** Checks the values that the setting models themselves cannot check. */
    void check() throws InvalidSettingsException {
        prediction.check();
        if (!replaceColumn.getBooleanValue() && columnSuffix.getStringValue().isEmpty()) {
            throw new InvalidSettingsException("The column suffix must not be empty when the result is appended");
        }
        if (writeFiles.getBooleanValue()) {
            if (outputFolder.getStringValue().isBlank()) {
                throw new InvalidSettingsException("Choose the folder for the label files");
            }
            PredictionSettings.checkFileSuffix(fileSuffix.getStringValue());
            fileFormatValue();
        }
    }

    /** The format of label files. */
    OutputFormat fileFormatValue() throws InvalidSettingsException {
        try {
            return OutputFormat.parse(fileFormat.getStringValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("The label file format must be '" + TIFF + "' or '" + ZARR
                    + "', not '" + fileFormat.getStringValue() + "'");
        }
    }

    OutputType outputTypeValue() throws InvalidSettingsException {
        return prediction.outputTypeValue();
    }

    /** Channel indices from a text such as {@code "0"} or {@code "0, 2"}; null when empty (engine default). */
    List<Integer> channelList() throws InvalidSettingsException {
        return prediction.channelList();
    }

    /** The engine options; the worker thread count is the number of cores, tiles fit in half the heap. */
    PredictionOptions predictionOptions() throws InvalidSettingsException {
        return prediction.options(probabilities.getBooleanValue());
    }
}
