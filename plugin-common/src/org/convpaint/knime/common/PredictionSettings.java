package org.convpaint.knime.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The settings of the model and the prediction that both Convpaint nodes have, with the same config keys, defaults
 * and checks: {@code model_file}, {@code weights_file}, {@code dino_weights_file}, {@code downsample} (1&ndash;8,
 * default 2), {@code output_type} ({@value #SEMANTIC} or {@value #INSTANCE}), {@code background_label} (0&ndash;255,
 * default 1), {@code use_cpu} and {@code channels}. They are declared in a node's {@link SettingsList}, in this
 * order, so they follow its compatibility rule. Not thread-safe.
 */
public final class PredictionSettings {
    /** Value of {@code output_type} for class values. */
    public static final String SEMANTIC = "semantic";
    /** Value of {@code output_type} for connected components. */
    public static final String INSTANCE = "instance";
    /** Default file name suffix of label files. */
    public static final String DEFAULT_FILE_SUFFIX = "_convpaint_labels";

    /** {@code model_file}: the {@code .pkl} file (path, {@code file:} or {@code knime://} URL); default empty. */
    public final SettingsModelString modelFile;
    /** {@code weights_file}: VGG16 weights; empty = looked up. */
    public final SettingsModelString weightsFile;
    /** {@code dino_weights_file}: DINOv2 or DINOv3 weights; empty = looked up. */
    public final SettingsModelString dinoWeightsFile;
    /** {@code downsample}: image_downsample 1&ndash;8, default 2. */
    public final SettingsModelIntegerBounded downsample;
    /** {@code output_type}: {@value #SEMANTIC} (default) or {@value #INSTANCE}. */
    public final SettingsModelString outputType;
    /** {@code background_label}: class 0&ndash;255 that becomes 0, default 1; 0 keeps all classes. */
    public final SettingsModelIntegerBounded backgroundLabel;
    /** {@code use_cpu}: never use a GPU; default false. */
    public final SettingsModelBoolean useCpu;
    /** {@code channels}: channel indices, e.g. {@code "0, 2"}; empty (default) = automatic. */
    public final SettingsModelString channels;

    /**
     * Declares the settings in {@code list}.
     *
     * @param list the node's settings
     */
    public PredictionSettings(final SettingsList list) {
        modelFile = list.string("model_file", "");
        weightsFile = list.string("weights_file", "");
        dinoWeightsFile = list.string("dino_weights_file", "");
        downsample = list.integer("downsample", 2, 1, 8);
        outputType = list.string("output_type", SEMANTIC);
        backgroundLabel = list.integer("background_label", 1, 0, 255);
        useCpu = list.bool("use_cpu", false);
        channels = list.string("channels", "");
    }

    /**
     * Checks the values that the settings models cannot check themselves (output type, channels). An empty model
     * file is allowed here (so that half-done settings can be saved); {@link #checkModelChosen()} refuses it.
     *
     * @throws InvalidSettingsException naming the offending value
     */
    public void check() throws InvalidSettingsException {
        outputTypeValue();
        channelList();
    }

    /** @throws InvalidSettingsException if no model file is chosen */
    public void checkModelChosen() throws InvalidSettingsException {
        if (modelFile.getStringValue().isBlank()) {
            throw new InvalidSettingsException("Choose the napari-convpaint model file (.pkl)");
        }
    }

    /**
     * @return the output type
     * @throws InvalidSettingsException if it is neither {@value #SEMANTIC} nor {@value #INSTANCE} (any case)
     */
    public OutputType outputTypeValue() throws InvalidSettingsException {
        final String v = outputType.getStringValue().toLowerCase(Locale.ROOT);
        if (SEMANTIC.equals(v)) {
            return OutputType.SEMANTIC;
        } else if (INSTANCE.equals(v)) {
            return OutputType.INSTANCE;
        }
        throw new InvalidSettingsException("Output type must be '" + SEMANTIC + "' or '" + INSTANCE + "', not '"
                + outputType.getStringValue() + "'");
    }

    /**
     * @return channel indices from a text such as {@code "0"} or {@code "0, 2"}; null when empty (engine default)
     * @throws InvalidSettingsException if the text is not a list of non-negative integers
     */
    public List<Integer> channelList() throws InvalidSettingsException {
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

    /**
     * The engine options: downsample, output type, background label, device; worker threads = cores, tiles in half
     * the heap (the engine's defaults).
     *
     * @param probabilities whether class probabilities are wanted
     * @return the options
     * @throws InvalidSettingsException if the output type is invalid
     */
    public PredictionOptions options(final boolean probabilities) throws InvalidSettingsException {
        return PredictionOptions.builder().imageDownsample(downsample.getIntValue()).outputType(outputTypeValue())
                .backgroundLabel(backgroundLabel.getIntValue()).probabilities(probabilities)
                .forceCpu(useCpu.getBooleanValue()).build();
    }

    /**
     * @return the model file as a local path
     * @throws InvalidSettingsException if none is chosen, it cannot be resolved to a local file, or it does not exist
     */
    public Path modelPath() throws InvalidSettingsException {
        checkModelChosen();
        final Path model = LocalFiles.resolve(modelFile.getStringValue(), "model file");
        if (!Files.isRegularFile(model)) {
            throw new InvalidSettingsException("The model file " + model + " does not exist");
        }
        return model;
    }

    /**
     * @return the weights files given (VGG16, then DINOv2 or DINOv3), as local paths; empty fields are left out
     * @throws InvalidSettingsException if a given file cannot be resolved to a local path
     */
    public List<Path> weightsPaths() throws InvalidSettingsException {
        final List<Path> weights = new ArrayList<>();
        for (SettingsModelString file : List.of(weightsFile, dinoWeightsFile)) {
            if (!file.getStringValue().isBlank()) {
                weights.add(LocalFiles.resolve(file.getStringValue(), "weights file"));
            }
        }
        return weights;
    }

    /**
     * Checks a file name suffix of label files.
     *
     * @param suffix the suffix
     * @throws InvalidSettingsException if it is empty or contains a folder separator
     */
    public static void checkFileSuffix(final String suffix) throws InvalidSettingsException {
        if (suffix.isEmpty() || suffix.contains("/") || suffix.contains("\\")) {
            throw new InvalidSettingsException("The file suffix must be non-empty and contain no '/' or '\\'");
        }
    }
}
