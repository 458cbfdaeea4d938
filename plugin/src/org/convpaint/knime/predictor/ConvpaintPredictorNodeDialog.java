package org.convpaint.knime.predictor;

import org.convpaint.knime.common.PredictionDialogs;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentButtonGroup;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.knip.base.data.img.ImgPlusValue;

/**
 * The node dialog (classic Swing, as all KNIP nodes): every option of {@link ConvpaintPredictorSettings}, under the
 * name the node description gives it (tabs "Options" and "Label files"; each label starts with the option's name).
 * The model and prediction options are the components shared with the file node ({@link PredictionDialogs}). The
 * file choosers accept local paths and {@code knime://} URLs and can be controlled by flow variables.
 */
final class ConvpaintPredictorNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    ConvpaintPredictorNodeDialog() {
        final ConvpaintPredictorSettings s = new ConvpaintPredictorSettings();
        setDefaultTabTitle("Options");

        createNewGroup("Input");
        addDialogComponent(new DialogComponentColumnNameSelection(s.imageColumn, "Image column", 0,
            ImgPlusValue.class));
        PredictionDialogs.addModelAndChannels(this, s.prediction);
        closeCurrentGroup();

        PredictionDialogs.addPredictionGroup(this, s.prediction);

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
        PredictionDialogs.addFileChooser(this, s.outputFolder, "Folder", "convpaint-output-folder", true);
        addDialogComponent(new DialogComponentString(s.fileSuffix, "File name suffix"));
        addDialogComponent(new DialogComponentBoolean(s.overwrite, "Overwrite existing files"));
    }
}
