package org.convpaint.knime.predictor;

import java.util.HashSet;
import java.util.Set;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CellFactory;
import org.knime.core.data.container.ColumnRearranger;
import org.knime.core.util.UniqueNameGenerator;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.labeling.LabelingCell;

/**
 * The columns the node adds and where they go. The output table is the input table with the labeling column
 * appended, or put in place of the image column ("replace"), then the probabilities column if wanted.
 *
 * <p>Names are chosen against the columns of that output table, never against the input alone: when appending,
 * the labeling column is {@code <image column><suffix>}; when replacing, it takes the image column's name (which
 * the replaced column frees); the probabilities column is {@code <image column>_probabilities}. A name already
 * taken gets KNIME's usual {@code " (#1)"}, {@code " (#2)"}, ... suffix ({@link UniqueNameGenerator}), so the output
 * never has two columns of the same name.
 */
final class OutputColumns {

    private OutputColumns() {
    }

    /**
     * The specs of the new columns.
     *
     * @param in            the input table's spec
     * @param imageColumn   index of the image column in {@code in}
     * @param replace       true to put the labeling in place of the image column
     * @param suffix        appended to the image column's name to name the labeling column when appending
     * @param probabilities true to add the probabilities column
     * @return the labeling column, then the probabilities column if wanted
     */
    static DataColumnSpec[] specs(final DataTableSpec in, final int imageColumn, final boolean replace,
            final String suffix, final boolean probabilities) {
        final String imageName = in.getColumnSpec(imageColumn).getName();
        final Set<String> kept = new HashSet<>();
        for (int i = 0; i < in.getNumColumns(); i++) {
            if (!(replace && i == imageColumn)) {
                kept.add(in.getColumnSpec(i).getName());
            }
        }
        final UniqueNameGenerator names = new UniqueNameGenerator(kept);
        final String labels = names.newName(replace ? imageName : imageName + suffix);
        final DataColumnSpec labelsSpec = new DataColumnSpecCreator(labels, LabelingCell.TYPE).createSpec();
        if (!probabilities) {
            return new DataColumnSpec[] {labelsSpec};
        }
        final String probs = names.newName(imageName + ConvpaintPredictorSettings.PROBABILITIES_SUFFIX);
        return new DataColumnSpec[] {labelsSpec, new DataColumnSpecCreator(probs, ImgPlusCell.TYPE).createSpec()};
    }

    /**
     * The rearranger that builds the output table from the input table and the factory of the new columns.
     *
     * @param in          the input table's spec
     * @param imageColumn index of the image column in {@code in}
     * @param replace     true to put the new columns where the image column was, false to append them
     * @param factory     produces the columns described by {@link #specs}
     * @return the rearranger
     */
    static ColumnRearranger rearranger(final DataTableSpec in, final int imageColumn, final boolean replace,
            final CellFactory factory) {
        final ColumnRearranger rearranger = new ColumnRearranger(in);
        if (replace) {
            rearranger.remove(imageColumn);
            rearranger.insertAt(imageColumn, factory);
        } else {
            rearranger.append(factory);
        }
        return rearranger;
    }
}
