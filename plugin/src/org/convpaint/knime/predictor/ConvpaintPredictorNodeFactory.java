package org.convpaint.knime.predictor;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/**
 * Factory of the "Convpaint Predictor" node (classic API, like the KNIP nodes it works with; description in
 * {@code ConvpaintPredictorNodeFactory.xml}).
 *
 * <p><b>Why the Swing hooks stay.</b> {@link #createNodeView}, {@link #hasDialog} and {@link #createNodeDialogPane}
 * are deprecated for removal since KNIME 5.6, but they are still <em>abstract</em> in {@link NodeFactory} up to
 * 5.8, so every {@code NodeFactory} must implement them, and they work there. The replacements do not span the
 * supported range 5.5&ndash;5.8: {@code org.knime.node.DefaultNodeFactory} (with {@code NodeParameters} web
 * dialogs) first appears in 5.6 and is marked "API is pending"; {@code WebUINodeFactory} is itself deprecated
 * since 5.6, and its constructor takes {@code DefaultNodeSettings} classes in 5.5 but {@code NodeParameters} classes
 * in 5.8 (where {@code DefaultNodeSettings} is gone), so no source compiles against both. So the overrides are kept,
 * with the removal warning suppressed, as KNIME's own classic node factories do; moving to a web dialog is due when
 * the supported minimum becomes 5.6 or KNIME drops these methods (KNIP's nodes, all Swing, end there too). The token
 * is {@code "all"}: the methods are not deprecated in 5.5, where KNIME's compiler settings would report
 * {@code "removal"} as an unnecessary suppression, while {@code "all"} is never reported; it covers these one-line
 * methods only.
 */
public final class ConvpaintPredictorNodeFactory extends NodeFactory<ConvpaintPredictorNodeModel> {

    @Override
    public ConvpaintPredictorNodeModel createNodeModel() {
        return new ConvpaintPredictorNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    /** No views. Deprecated for removal since KNIME 5.6, still abstract (see the class comment). */
    @Override
    @SuppressWarnings("all") // "removal" from 5.6 on; see the class comment
    public NodeView<ConvpaintPredictorNodeModel> createNodeView(final int viewIndex,
            final ConvpaintPredictorNodeModel nodeModel) {
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
        return new ConvpaintPredictorNodeDialog();
    }
}
