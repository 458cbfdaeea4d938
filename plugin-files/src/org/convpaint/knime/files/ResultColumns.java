package org.convpaint.knime.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.convpaint.knime.files.batch.RowResult;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.util.UniqueNameGenerator;
import org.knime.filehandling.core.connections.DefaultFSLocationSpec;
import org.knime.filehandling.core.connections.FSCategory;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.data.location.FSLocationValueMetaData;
import org.knime.filehandling.core.data.location.cell.SimpleFSLocationCellFactory;

/**
 * The columns the file node appends, in this order: {@link Column#LABELS} always, {@link Column#PROBABILITIES} when
 * probabilities are written, then the chosen ones of axes, shape, seconds, status and error. Files are KNIME path
 * cells of the local file system (absolute paths), so that file handling nodes (Transfer Files, Delete Files, path
 * readers) take them. Names are made unique against the input table (KNIME's {@code " (#1)"} suffix). Immutable.
 */
final class ResultColumns {

    /** A column the node can append, with its name. */
    enum Column {
        /** The label file or store (path). */
        LABELS("Labels file"),
        /** The probabilities file or store (path). */
        PROBABILITIES("Probabilities file"),
        /** The axes used (string, e.g. YX). */
        AXES("Axes"),
        /** The input's shape in those axes (string, e.g. [301, 257]). */
        SHAPE("Shape"),
        /** Seconds of the prediction (double). */
        SECONDS("Seconds"),
        /** done, skipped or failed (string). */
        STATUS("Status"),
        /** Why the row was skipped or failed (string). */
        ERROR("Error");

        private final String title;

        Column(final String title) {
            this.title = title;
        }

        /** @return the column name (before making it unique) */
        String title() {
            return title;
        }
    }

    private static final FSLocationValueMetaData LOCAL_META =
        new FSLocationValueMetaData(FSCategory.LOCAL.name(), null);

    private final List<Column> m_columns;

    private final DataColumnSpec[] m_specs;

    /**
     * @param in      the input table's spec
     * @param columns the columns wanted ({@link Column#LABELS} is always added)
     */
    ResultColumns(final DataTableSpec in, final Set<Column> columns) {
        final EnumSet<Column> all = EnumSet.of(Column.LABELS);
        all.addAll(columns);
        m_columns = List.copyOf(all);
        final Set<String> taken = new HashSet<>();
        for (int i = 0; i < in.getNumColumns(); i++) {
            taken.add(in.getColumnSpec(i).getName());
        }
        final UniqueNameGenerator names = new UniqueNameGenerator(taken);
        final List<DataColumnSpec> specs = new ArrayList<>();
        for (Column c : m_columns) {
            final String name = names.newName(c.title());
            specs.add(switch (c) {
                case LABELS, PROBABILITIES -> {
                    final DataColumnSpecCreator creator = new DataColumnSpecCreator(name,
                        SimpleFSLocationCellFactory.TYPE);
                    creator.addMetaData(LOCAL_META, true);
                    yield creator.createSpec();
                }
                case SECONDS -> new DataColumnSpecCreator(name, DoubleCell.TYPE).createSpec();
                default -> new DataColumnSpecCreator(name, StringCell.TYPE).createSpec();
            });
        }
        m_specs = specs.toArray(DataColumnSpec[]::new);
    }

    /** @return the specs of the new columns, in order */
    DataColumnSpec[] specs() {
        return m_specs.clone();
    }

    /**
     * @param r what happened to the row
     * @return its new cells; missing where the result has no value
     */
    DataCell[] cells(final RowResult r) {
        final SimpleFSLocationCellFactory files = new SimpleFSLocationCellFactory(
            new DefaultFSLocationSpec(FSCategory.LOCAL));
        final DataCell[] cells = new DataCell[m_columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = switch (m_columns.get(i)) {
                case LABELS -> file(files, r.labels());
                case PROBABILITIES -> file(files, r.probabilities());
                case AXES -> text(r.axes());
                case SHAPE -> text(r.shapeText());
                case SECONDS -> r.seconds() == null ? DataType.getMissingCell() : new DoubleCell(r.seconds());
                case STATUS -> new StringCell(r.status().text());
                case ERROR -> text(r.message());
            };
        }
        return cells;
    }

    /** @return missing cells for every new column (a row without a path) */
    DataCell[] missing() {
        final DataCell[] cells = new DataCell[m_columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = DataType.getMissingCell();
        }
        return cells;
    }

    private static DataCell file(final SimpleFSLocationCellFactory files, final Path p) {
        return p == null ? DataType.getMissingCell()
            : files.createCell(new FSLocation(FSCategory.LOCAL, p.toAbsolutePath().toString()));
    }

    private static DataCell text(final String s) {
        return s == null ? DataType.getMissingCell() : new StringCell(s);
    }
}
