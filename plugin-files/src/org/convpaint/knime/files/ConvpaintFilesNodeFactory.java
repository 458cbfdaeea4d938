package org.convpaint.knime.files;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/**
 * Factory of the "Convpaint Predictor (Files)" node (classic API; description in
 * {@code ConvpaintFilesNodeFactory.xml}).
 *
 * <p><b>Why the Swing hooks stay.</b> {@link #createNodeView}, {@link #hasDialog} and {@link #createNodeDialogPane}
 * are deprecated for removal since KNIME 5.6, but still <em>abstract</em> in {@link NodeFactory} up to 5.8, so every
 * {@code NodeFactory} must implement them. Their replacements do not span the supported range 5.5&ndash;5.8
 * ({@code org.knime.node.DefaultNodeFactory} appears in 5.6; {@code WebUINodeFactory} takes
 * {@code DefaultNodeSettings} in 5.5 but {@code NodeParameters} in 5.8), as the image node's factory explains. The
 * removal warning is suppressed as in KNIME's own classic node factories, with the token {@code "all"}: the methods
 * are not deprecated in 5.5, where KNIME's compiler settings would report {@code "removal"} as an unnecessary
 * suppression, while {@code "all"} is never reported; it covers these one-line methods only.
 */
public final class ConvpaintFilesNodeFactory extends NodeFactory<ConvpaintFilesNodeModel> {

    @Override
    public ConvpaintFilesNodeModel createNodeModel() {
        return new ConvpaintFilesNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    /** No views. Deprecated for removal since KNIME 5.6, still abstract (see the class comment). */
    @Override
    @SuppressWarnings("all") // "removal" from 5.6 on; see the class comment
    public NodeView<ConvpaintFilesNodeModel> createNodeView(final int viewIndex,
            final ConvpaintFilesNodeModel nodeModel) {
        return null;
    }

    /** The node has a dialog. Deprecated for removal since KNIME 5.6, still abstract (see the class comment). */
    @Override
    @SuppressWarnings("all") // "removal" from 5.6 on; see the class comment
    protected boolean hasDialog() {
        return true;
    }

    /** The Swing dialog. Deprecated for removal since KNIME 5.6, still abstract (see the class comment). */
    @Override
    @SuppressWarnings("all") // "removal" from 5.6 on; see the class comment
    protected NodeDialogPane createNodeDialogPane() {
        return new ConvpaintFilesNodeDialog();
    }
}
