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
 *
 * <p><b>Compatibility contract.</b> Every setting is declared once, below, with its key and default. Loading
 * (and validating) takes each key that the saved settings contain, after checking its value with its settings
 * model; a key they do not contain (a workflow saved before the key existed, or settings written by hand) takes
 * its default. So a key added in a later version never makes older workflows fail to load. Values that the models
 * cannot check themselves are checked by {@link #check()}.
 */
final class ConvpaintPredictorSettings {
    static final String SEMANTIC = "semantic";
    static final String INSTANCE = "instance";
    static final String DEFAULT_FILE_SUFFIX = "_convpaint_labels";
    static final String DEFAULT_COLUMN_SUFFIX = "_labels";
    static final String PROBABILITIES_SUFFIX = "_probabilities";
    static final String TIFF = "tiff";
    static final String ZARR = "zarr";

    /** One setting: its config key, its model, and how to give the model its default value. */
    private record Setting(String key, SettingsModel model, Runnable restoreDefault) {
    }

    /** Every setting, in declaration (and saving) order; filled by the field initialisers below. */
    private final List<Setting> all = new ArrayList<>();

    final SettingsModelString imageColumn = string("image_column", "");
    final SettingsModelString modelFile = string("model_file", "");
    final SettingsModelString weightsFile = string("weights_file", "");
    final SettingsModelString dinoWeightsFile = string("dino_weights_file", "");
    final SettingsModelIntegerBounded downsample = integer("downsample", 2, 1, 8);
    final SettingsModelString outputType = string("output_type", SEMANTIC);
    final SettingsModelIntegerBounded backgroundLabel = integer("background_label", 1, 0, 255);
    final SettingsModelBoolean useCpu = bool("use_cpu", false);
    final SettingsModelString channels = string("channels", "");
    final SettingsModelBoolean replaceColumn = bool("replace_column", false);
    final SettingsModelString columnSuffix = string("column_suffix", DEFAULT_COLUMN_SUFFIX);
    final SettingsModelBoolean probabilities = bool("probabilities", false);
    final SettingsModelBoolean writeFiles = bool("write_files", false);
    final SettingsModelString outputFolder = string("output_folder", "");
    final SettingsModelString fileSuffix = string("file_suffix", DEFAULT_FILE_SUFFIX);
    final SettingsModelBoolean overwrite = bool("overwrite", false);
    /** Added in 0.2: workflows saved before have no such key and keep writing TIFF. */
    final SettingsModelString fileFormat = string("file_format", TIFF);

    ConvpaintPredictorSettings() {
        replaceColumn.addChangeListener(e -> updateEnabled());
        writeFiles.addChangeListener(e -> updateEnabled());
        updateEnabled();
    }

    private SettingsModelString string(final String key, final String defaultValue) {
        final SettingsModelString m = new SettingsModelString(key, defaultValue);
        all.add(new Setting(key, m, () -> m.setStringValue(defaultValue)));
        return m;
    }

    private SettingsModelIntegerBounded integer(final String key, final int defaultValue, final int min,
            final int max) {
        final SettingsModelIntegerBounded m = new SettingsModelIntegerBounded(key, defaultValue, min, max);
        all.add(new Setting(key, m, () -> m.setIntValue(defaultValue)));
        return m;
    }

    private SettingsModelBoolean bool(final String key, final boolean defaultValue) {
        final SettingsModelBoolean m = new SettingsModelBoolean(key, defaultValue);
        all.add(new Setting(key, m, () -> m.setBooleanValue(defaultValue)));
        return m;
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
        for (Setting s : all) {
            s.model().saveSettingsTo(settings);
        }
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
        for (Setting s : all) {
            if (settings.containsKey(s.key())) {
                s.model().validateSettings(settings);
            }
        }
        for (Setting s : all) {
            if (settings.containsKey(s.key())) {
                s.model().loadSettingsFrom(settings);
            } else {
                s.restoreDefault().run();
            }
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
