package org.convpaint.knime.predictor;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.workflow.VariableType;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * The node dialog (classic Swing, as all KNIP nodes): every option of {@link ConvpaintPredictorSettings}, under the
 * name the node description gives it (tabs "Options" and "Label files"; each label starts with the option's name).
 * The file choosers accept local paths and {@code knime://} URLs and can be controlled by flow variables.
 */
final class ConvpaintPredictorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ConvpaintPredictorNodeDialog() {
        final ConvpaintPredictorSettings s = new ConvpaintPredictorSettings();
        setDefaultTabTitle("Options");

        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.imageColumn, "Image column", 0,
            ImgPlusValue.class));
        addFileChooser(s.modelFile, "Model file (.pkl)", "convpaint-model", false, ".pkl");
        addDialogComponent(new DialogComponentString(s.channels, "Channels (empty = automatic)"));
        closeCurrentGroup();

        createNewGroup("Prediction");
        addDialogComponent(new DialogComponentNumber(s.downsample, "Downsample (1 = full resolution)", 1));
        addDialogComponent(new DialogComponentButtonGroup(s.outputType, "Output type", false,
            new String[] {"Semantic (class values)", "Instance (connected components)"},
            new String[] {ConvpaintPredictorSettings.SEMANTIC, ConvpaintPredictorSettings.INSTANCE}));
        addDialogComponent(new DialogComponentNumber(s.backgroundLabel, "Background label (0 = keep all classes)", 1));
        addDialogComponent(new DialogComponentBoolean(s.useCpu, "Use CPU only"));
        addFileChooser(s.weightsFile, "Weights file (VGG16; empty = look up)", "convpaint-weights", false, ".pth");
        addFileChooser(s.dinoWeightsFile, "DINOv2 weights file (empty = look up)", "convpaint-dino-weights", false,
            ".pth");
        closeCurrentGroup();

        createNewGroup("Output columns");
        addDialogComponent(new DialogComponentBoolean(s.replaceColumn, "Replace the image column"));
        addDialogComponent(new DialogComponentString(s.columnSuffix, "Column suffix (when appending)"));
        addDialogComponent(new DialogComponentBoolean(s.probabilities, "Append class probabilities column"));
        closeCurrentGroup();

        createNewTab("Label files");
        addDialogComponent(new DialogComponentBoolean(s.writeFiles, "Write label files (uint32)"));
        addDialogComponent(new DialogComponentButtonGroup(s.fileFormat, "Format", false,
            new String[] {"OME-TIFF", "OME-Zarr"},
            new String[] {ConvpaintPredictorSettings.TIFF, ConvpaintPredictorSettings.ZARR}));
        addFileChooser(s.outputFolder, "Folder", "convpaint-output-folder", true);
        addDialogComponent(new DialogComponentString(s.fileSuffix, "File name suffix"));
        addDialogComponent(new DialogComponentBoolean(s.overwrite, "Overwrite existing files"));
    }

    /**
     * Adds a file (or folder) chooser titled like its option in the node description, with a flow-variable button
     * for its key.
     */
    private void addFileChooser(final SettingsModelString model, final String title, final String historyId,
            final boolean folder, final String... extensions) {
        final DialogComponentFileChooser chooser = new DialogComponentFileChooser(model, historyId,
            folder ? JFileChooser.SAVE_DIALOG : JFileChooser.OPEN_DIALOG, folder,
            createFlowVariableModel(model.getKey(), VariableType.StringType.INSTANCE), extensions);
        chooser.setBorderTitle(title);
        addDialogComponent(chooser);
    }
}
