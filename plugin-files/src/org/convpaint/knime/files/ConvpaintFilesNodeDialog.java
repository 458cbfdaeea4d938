package org.convpaint.knime.files;

import org.convpaint.knime.common.PredictionDialogs;
import org.convpaint.knime.files.batch.OutputChoice;
import org.knime.core.data.StringValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.filehandling.core.data.location.FSLocationValue;

/**
 * The node dialog (classic Swing, like the image node's): every option of {@link ConvpaintFilesSettings}, under the
 * name the node description gives it (tabs "Options", "Output files", "Output columns"; each label starts with the
 * option's name). The model and prediction options are the components shared with the image node
 * ({@link PredictionDialogs}). File choosers accept local paths and {@code knime://} URLs and can be controlled by
 * flow variables.
 */
final class ConvpaintFilesNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ConvpaintFilesNodeDialog() {
        final ConvpaintFilesSettings s = new ConvpaintFilesSettings();
        setDefaultTabTitle("Options");

        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.pathColumn, "Path column", 0,
            FSLocationValue.class, StringValue.class));
        PredictionDialogs.addModelAndChannels(this, s.prediction);
        addDialogComponent(new DialogComponentString(s.axes, "Axes (empty = from the file)"));
        closeCurrentGroup();

        PredictionDialogs.addPredictionGroup(this, s.prediction);

        createNewTab("Output files");
        PredictionDialogs.addFileChooser(this, s.outputFolder, "Folder (empty = next to each input)",
            "convpaint-output-folder", true);
        addDialogComponent(new DialogComponentButtonGroup(s.fileFormat, "Format", false,
            new String[] {"Same as the input", "OME-TIFF", "OME-Zarr"},
            new String[] {OutputChoice.INPUT.value(), OutputChoice.TIFF.value(), OutputChoice.ZARR.value()}));
        addDialogComponent(new DialogComponentString(s.fileSuffix, "File name suffix"));
        addDialogComponent(new DialogComponentBoolean(s.overwrite, "Overwrite existing files"));
        addDialogComponent(new DialogComponentBoolean(s.probabilities, "Write class probabilities"));

        createNewTab("Output columns");
        addDialogComponent(new DialogComponentBoolean(s.axesColumn, "Axes column"));
        addDialogComponent(new DialogComponentBoolean(s.shapeColumn, "Shape column"));
        addDialogComponent(new DialogComponentBoolean(s.secondsColumn, "Seconds column"));
        addDialogComponent(new DialogComponentBoolean(s.statusColumn, "Status column"));
        addDialogComponent(new DialogComponentBoolean(s.errorColumn, "Error column"));
    }
}
