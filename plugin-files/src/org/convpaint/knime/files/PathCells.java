package org.convpaint.knime.files;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.knime.common.LocalFiles;
import org.convpaint.knime.files.batch.InputLocation;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.data.location.FSLocationValue;

/**
 * The local file a cell of the path column names: KNIME path cells ({@link FSLocationValue}, e.g. from List
 * Files/Folders), or text ({@link StringValue}: strings, and URI cells, whose text is the URI). The mapping of
 * locations and texts is {@link InputLocation}'s; {@code knime://} URLs are resolved by KNIME ({@link LocalFiles}),
 * which needs the executing node's context. Stateless.
 */
final class PathCells {

    /**
     * The file of one row, or why there is none.
     *
     * @param path    the local path, or null
     * @param problem why the row cannot be processed (one line), or null
     */
    record Located(Path path, String problem) {
    }

    private PathCells() {
    }

    /**
     * @param type a column type
     * @return whether the column can be the path column (path, string or URI cells)
     */
    static boolean isPathType(final DataType type) {
        return type.isCompatible(FSLocationValue.class) || type.isCompatible(StringValue.class);
    }

    /**
     * @param type a column type
     * @return whether it holds KNIME path cells (preferred when the column is chosen automatically)
     */
    static boolean isLocationType(final DataType type) {
        return type.isCompatible(FSLocationValue.class);
    }

    /**
     * @param cell a non-missing cell of the path column
     * @return its local file, or why it cannot be processed
     */
    static Located locate(final DataCell cell) {
        final InputLocation location;
        if (cell instanceof FSLocationValue v) {
            final FSLocation l = v.getFSLocation();
            location = InputLocation.ofFsLocation(l.getFileSystemCategory(), l.getFileSystemSpecifier().orElse(null),
                l.getPath());
        } else if (cell instanceof StringValue s) {
            location = InputLocation.ofText(s.getStringValue());
        } else {
            return new Located(null, "the cell holds neither a path nor a text (" + cell.getType() + ")");
        }
        switch (location.kind()) {
            case LOCAL:
                return new Located(location.path(), null);
            case URL:
                return resolve(location.url());
            default:
                return new Located(null, location.problem());
        }
    }

    private static Located resolve(final String url) {
        try {
            final Path p = LocalFiles.toLocalPath(url);
            return p != null ? new Located(p, null)
                : new Located(null, url + " is not a file on this machine; only local files can be segmented");
        } catch (IOException | RuntimeException e) {
            return new Located(null, url + " cannot be resolved: " + e.getMessage());
        }
    }
}
