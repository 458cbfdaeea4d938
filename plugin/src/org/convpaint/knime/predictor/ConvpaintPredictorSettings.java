package org.convpaint.knime.predictor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.convpaint.io.OutputFormat;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of the Convpaint Predictor node. The config keys are the persistence format (workflows, flow
 * variables, {@code -option=} of the batch executor): never rename them. Not thread-safe.
 */
final class ConvpaintPredictorSettings {
    static final String SEMANTIC = "semantic";
    static final String INSTANCE = "instance";
    static final String DEFAULT_FILE_SUFFIX = "_convpaint_labels";
    static final String DEFAULT_COLUMN_SUFFIX = "_labels";
    static final String PROBABILITIES_SUFFIX = "_probabilities";
    static final String TIFF = "tiff";
    static final String ZARR = "zarr";

    final SettingsModelString imageColumn = new SettingsModelString("image_column", "");
    final SettingsModelString modelFile = new SettingsModelString("model_file", "");
    final SettingsModelString weightsFile = new SettingsModelString("weights_file", "");
    final SettingsModelString dinoWeightsFile = new SettingsModelString("dino_weights_file", "");
    final SettingsModelIntegerBounded downsample = new SettingsModelIntegerBounded("downsample", 2, 1, 8);
    final SettingsModelString outputType = new SettingsModelString("output_type", SEMANTIC);
    final SettingsModelIntegerBounded backgroundLabel =
            new SettingsModelIntegerBounded("background_label", 1, 0, 255);
    final SettingsModelBoolean useCpu = new SettingsModelBoolean("use_cpu", false);
    final SettingsModelString channels = new SettingsModelString("channels", "");
    final SettingsModelBoolean replaceColumn = new SettingsModelBoolean("replace_column", false);
    final SettingsModelString columnSuffix = new SettingsModelString("column_suffix", DEFAULT_COLUMN_SUFFIX);
    final SettingsModelBoolean probabilities = new SettingsModelBoolean("probabilities", false);
    final SettingsModelBoolean writeFiles = new SettingsModelBoolean("write_files", false);
    final SettingsModelString outputFolder = new SettingsModelString("output_folder", "");
    final SettingsModelString fileSuffix = new SettingsModelString("file_suffix", DEFAULT_FILE_SUFFIX);
    final SettingsModelBoolean overwrite = new SettingsModelBoolean("overwrite", false);
    /** Added in 0.2: workflows saved before have no such key and keep writing TIFF. */
    final SettingsModelString fileFormat = new SettingsModelString("file_format", TIFF);

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

    private List<SettingsModel> all() {
        return List.of(imageColumn, modelFile, weightsFile, dinoWeightsFile, downsample, outputType, backgroundLabel, useCpu,
                channels, replaceColumn, columnSuffix, probabilities, writeFiles, outputFolder, fileSuffix, overwrite);
    }

    /** Settings added after the first release: absent from older workflows, which keep the default. */
    private List<SettingsModel> added() {
        return List.of(fileFormat);
    }

    void save(final NodeSettingsWO settings) {
        for (SettingsModel m : all()) {
            m.saveSettingsTo(settings);
        }
        for (SettingsModel m : added()) {
            m.saveSettingsTo(settings);
        }
    }

    void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : all()) {
            m.validateSettings(settings);
        }
        if (settings.containsKey(fileFormat.getKey())) {
            fileFormat.validateSettings(settings);
        }
        final ConvpaintPredictorSettings copy = new ConvpaintPredictorSettings();
        copy.load(settings);
        copy.check();
    }

    void load(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : all()) {
            m.loadSettingsFrom(settings);
        }
        if (settings.containsKey(fileFormat.getKey())) {
            fileFormat.loadSettingsFrom(settings);
        } else {
            fileFormat.setStringValue(TIFF);
        }
        updateEnabled();
    }

    /** Checks the values that the setting models themselves cannot check. */
    void check() throws InvalidSettingsException {
        outputTypeValue();
        channelList();
        if (!replaceColumn.getBooleanValue() && columnSuffix.getStringValue().isEmpty()) {
            throw new InvalidSettingsException("The column suffix must not be empty when the result is appended");
        }
        if (writeFiles.getBooleanValue()) {
            if (outputFolder.getStringValue().isBlank()) {
                throw new InvalidSettingsException("Choose the folder for the label files");
            }
            final String s = fileSuffix.getStringValue();
            if (s.isEmpty() || s.contains("/") || s.contains("\\")) {
                throw new InvalidSettingsException("The file suffix must be non-empty and contain no '/' or '\\'");
            }
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
        final String v = outputType.getStringValue().toLowerCase(Locale.ROOT);
        if (SEMANTIC.equals(v)) {
            return OutputType.SEMANTIC;
        } else if (INSTANCE.equals(v)) {
            return OutputType.INSTANCE;
        }
        throw new InvalidSettingsException("Output type must be '" + SEMANTIC + "' or '" + INSTANCE + "', not '"
                + outputType.getStringValue() + "'");
    }

    /** Channel indices from a text such as {@code "0"} or {@code "0, 2"}; null when empty (engine default). */
    List<Integer> channelList() throws InvalidSettingsException {
        final String text = channels.getStringValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        final List<Integer> list = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            try {
                final int c = Integer.parseInt(part);
                if (c < 0) {
                    throw new NumberFormatException();
                }
                list.add(c);
            } catch (NumberFormatException e) {
                throw new InvalidSettingsException("Channels must be channel indices (0, 1, ...) separated by commas, "
                        + "not '" + text + "'");
            }
        }
        return list;
    }

    /** The engine options; the worker thread count is the number of cores, tiles fit in half the heap. */
    PredictionOptions predictionOptions() throws InvalidSettingsException {
        return PredictionOptions.builder().imageDownsample(downsample.getIntValue()).outputType(outputTypeValue())
                .backgroundLabel(backgroundLabel.getIntValue()).probabilities(probabilities.getBooleanValue())
                .forceCpu(useCpu.getBooleanValue()).build();
    }
}
