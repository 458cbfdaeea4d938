package org.convpaint.knime.common;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/**
 * Local files from what users type or tables hold: plain paths, {@code file:} URLs and {@code knime://} URLs
 * ({@code knime.workflow}, {@code knime.mountpoint}, mount IDs) that resolve to a file on this machine, through
 * KNIME's {@link FileUtil}. Workflow-relative URLs need the node context of the executing node (set while a node
 * configures or executes). Stateless.
 */
public final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * The local file a path or URL stands for.
     *
     * @param pathOrUrl a path or a URL
     * @return the local path, or null if the URL points to something that is not a local file (a remote mountpoint,
     *         a Hub space, {@code http:})
     * @throws IOException if it cannot be resolved (malformed URL, unknown mountpoint)
     */
    public static Path toLocalPath(final String pathOrUrl) throws IOException {
        try {
            return FileUtil.resolveToPath(FileUtil.toURL(pathOrUrl.strip()));
        } catch (URISyntaxException | InvalidPathException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * A local path from a setting holding a path or URL.
     *
     * @param text the setting's value
     * @param what what the file is, for messages (e.g. "model file")
     * @return the local path
     * @throws InvalidSettingsException if the text is empty, cannot be resolved or is not a local file
     */
    public static Path resolve(final String text, final String what) throws InvalidSettingsException {
        if (text == null || text.isBlank()) {
            throw new InvalidSettingsException("Choose the " + what);
        }
        final Path p;
        try {
            p = toLocalPath(text);
        } catch (IOException e) {
            throw new InvalidSettingsException("The " + what + " '" + text + "' cannot be resolved: " + e.getMessage(),
                e);
        }
        if (p == null) {
            throw new InvalidSettingsException("The " + what + " '" + text + "' is not a local file");
        }
        return p;
    }
}
