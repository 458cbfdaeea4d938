package org.convpaint.knime.predictor;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.workflow.VariableType;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * The node dialog (classic Swing, as all KNIP nodes): every option of {@link ConvpaintPredictorSettings}. The file
 * choosers accept local paths and {@code knime://} URLs and can be controlled by flow variables.
 */
final class ConvpaintPredictorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ConvpaintPredictorNodeDialog() {
        final ConvpaintPredictorSettings s = new ConvpaintPredictorSettings();
        setDefaultTabTitle("Options");

        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.imageColumn, "Image column", 0,
            ImgPlusValue.class));
        addDialogComponent(new DialogComponentFileChooser(s.modelFile, "convpaint-model", JFileChooser.OPEN_DIALOG,
            false, createFlowVariableModel(s.modelFile.getKey(), VariableType.StringType.INSTANCE), ".pkl"));
        addDialogComponent(new DialogComponentString(s.channels, "Channels (empty = automatic)"));
        closeCurrentGroup();

        createNewGroup("Prediction");
        addDialogComponent(new DialogComponentNumber(s.downsample, "Downsample (1 = full resolution)", 1));
        addDialogComponent(new DialogComponentButtonGroup(s.outputType, "Output type", false,
            new String[] {"Semantic (class values)", "Instance (connected components)"},
            new String[] {ConvpaintPredictorSettings.SEMANTIC, ConvpaintPredictorSettings.INSTANCE}));
        addDialogComponent(new DialogComponentNumber(s.backgroundLabel, "Background label (0 = keep all classes)", 1));
        addDialogComponent(new DialogComponentBoolean(s.useCpu, "Use CPU only"));
        addDialogComponent(new DialogComponentFileChooser(s.weightsFile, "convpaint-weights",
            JFileChooser.OPEN_DIALOG, false,
            createFlowVariableModel(s.weightsFile.getKey(), VariableType.StringType.INSTANCE), ".pth"));
        addDialogComponent(new DialogComponentFileChooser(s.dinoWeightsFile, "convpaint-dino-weights",
            JFileChooser.OPEN_DIALOG, false,
            createFlowVariableModel(s.dinoWeightsFile.getKey(), VariableType.StringType.INSTANCE), ".pth"));
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
        addDialogComponent(new DialogComponentFileChooser(s.outputFolder, "convpaint-output-folder",
            JFileChooser.SAVE_DIALOG, true,
            createFlowVariableModel(s.outputFolder.getKey(), VariableType.StringType.INSTANCE)));
        addDialogComponent(new DialogComponentString(s.fileSuffix, "File name suffix"));
        addDialogComponent(new DialogComponentBoolean(s.overwrite, "Overwrite existing files"));
    }
}
