package org.convpaint.knime.predictor;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/**
 * Factory of the "Convpaint Predictor" node (classic API, like the KNIP nodes it works with; description in
 * {@code ConvpaintPredictorNodeFactory.xml}).
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

    // The Swing hooks below are deprecated for removal since KNIME 5.6; they still work up to 5.12, and KNIP
    // (all Swing) is limited to KNIME < 6.0 anyway.
    @Override
    public NodeView<ConvpaintPredictorNodeModel> createNodeView(final int viewIndex,
            final ConvpaintPredictorNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new ConvpaintPredictorNodeDialog();
    }
}
