package org.convpaint.knime.common;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.workflow.VariableType;

/**
 * Dialog components of the {@link PredictionSettings}, shared by both Convpaint nodes so that each option has the
 * same label (the name the node descriptions give it) in both. File choosers accept local paths and
 * {@code knime://} URLs and have a flow-variable button for their key. Stateless.
 */
public final class PredictionDialogs {

    private PredictionDialogs() {
    }

    /**
     * Adds the model file chooser ("Model file") and the channels field ("Channels") to the current group.
     *
     * @param pane the dialog
     * @param s    the settings
     */
    public static void addModelAndChannels(final DefaultNodeSettingsPane pane, final PredictionSettings s) {
        addFileChooser(pane, s.modelFile, "Model file (.pkl)", "convpaint-model", false, ".pkl");
        pane.addDialogComponent(new DialogComponentString(s.channels, "Channels (empty = automatic)"));
    }

    /**
     * Adds a group "Prediction": downsample, output type, background label, CPU only, weights files.
     *
     * @param pane the dialog
     * @param s    the settings
     */
    public static void addPredictionGroup(final DefaultNodeSettingsPane pane, final PredictionSettings s) {
        pane.createNewGroup("Prediction");
        pane.addDialogComponent(new DialogComponentNumber(s.downsample, "Downsample (1 = full resolution)", 1));
        pane.addDialogComponent(new DialogComponentButtonGroup(s.outputType, "Output type", false,
            new String[] {"Semantic (class values)", "Instance (connected components)"},
            new String[] {PredictionSettings.SEMANTIC, PredictionSettings.INSTANCE}));
        pane.addDialogComponent(
            new DialogComponentNumber(s.backgroundLabel, "Background label (0 = keep all classes)", 1));
        pane.addDialogComponent(new DialogComponentBoolean(s.useCpu, "Use CPU only"));
        addFileChooser(pane, s.weightsFile, "Weights file (VGG16; empty = look up)", "convpaint-weights", false,
            ".pth");
        addFileChooser(pane, s.dinoWeightsFile, "DINO weights file (DINOv2 .pth or DINOv3 .safetensors; empty = "
            + "look up)", "convpaint-dino-weights", false, ".pth", ".safetensors");
        pane.closeCurrentGroup();
    }

    /**
     * Adds a file (or folder) chooser titled like its option in the node description, with a flow-variable button
     * for its key.
     *
     * @param pane       the dialog
     * @param model      the setting
     * @param title      the border title
     * @param historyId  the chooser's history
     * @param folder     true to choose a folder (to write into), false to choose a file to open
     * @param extensions file name extensions offered as filters
     */
    public static void addFileChooser(final DefaultNodeSettingsPane pane, final SettingsModelString model,
            final String title, final String historyId, final boolean folder, final String... extensions) {
        final DialogComponentFileChooser chooser = new DialogComponentFileChooser(model, historyId,
            folder ? JFileChooser.SAVE_DIALOG : JFileChooser.OPEN_DIALOG, folder,
            pane.createFlowVariableModel(model.getKey(), VariableType.StringType.INSTANCE), extensions);
        chooser.setBorderTitle(title);
        pane.addDialogComponent(chooser);
    }
}
