package org.convpaint.knime.files.batch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the input of one table row is, decided from what the row holds, without KNIME: a local path, a URL that
 * KNIME must resolve to a local file ({@code knime://}, some {@code file:} URLs), or a reason why it cannot be
 * processed. Immutable.
 *
 * <p>Text (string and URI cells): an absolute path ({@code /data/a.tif}, {@code C:\data\a.tif},
 * {@code \\server\share\a.tif}); a {@code file:} URL ({@code file:/data/a.tif}, {@code file:///C:/data/a.tif});
 * a {@code knime:} URL. Relative paths (relative to what?) and other schemes ({@code http:}, {@code s3:}) are
 * refused with a reason.
 *
 * <p>KNIME path cells ({@code FSLocation}: category, specifier, path), mapped as KNIME's own "knime:// URL" export
 * does: {@code LOCAL} → the path; {@code RELATIVE} to {@code knime.workflow} → {@code knime://knime.workflow/PATH}
 * (an absolute path there is relative to the mountpoint: {@code knime://knime.mountpoint/PATH}); to
 * {@code knime.mountpoint} → {@code knime://knime.mountpoint/PATH}; to {@code knime.workflow.data} →
 * {@code knime://knime.workflow/data/PATH}; to {@code knime.space} → {@code knime://knime.space/PATH};
 * {@code MOUNTPOINT} with mount ID M → {@code knime://M/PATH}; {@code CUSTOM_URL} → the URL, as text.
 * {@code CONNECTED} (a file system from a connector node) and {@code HUB_SPACE} locations are refused: only files on
 * this machine can be segmented.
 *
 * @param kind    what this is
 * @param path    the local path, for {@link Kind#LOCAL}
 * @param url     the URL, for {@link Kind#URL}
 * @param problem why the row cannot be processed, for {@link Kind#UNSUPPORTED}
 */
public record InputLocation(Kind kind, Path path, String url, String problem) {

    /** What a location is. */
    public enum Kind {
        /** A local file or folder path. */
        LOCAL,
        /** A URL to be resolved to a local file by KNIME. */
        URL,
        /** Not usable; see {@link InputLocation#problem()}. */
        UNSUPPORTED
    }

    /** A URL scheme: two or more characters, so that a Windows drive letter ({@code C:}) is not one. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private static final String ONLY_LOCAL = "only files on this machine can be segmented; copy them here first "
            + "(e.g. with the Transfer Files node)";

    /** @throws IllegalArgumentException if the fields do not fit the kind */
    public InputLocation {
        if (kind == null || (kind == Kind.LOCAL) != (path != null) || (kind == Kind.URL) != (url != null)
                || (kind == Kind.UNSUPPORTED) != (problem != null)) {
            throw new IllegalArgumentException("inconsistent location: " + kind);
        }
    }

    private static InputLocation local(final Path path) {
        return new InputLocation(Kind.LOCAL, path, null, null);
    }

    private static InputLocation url(final String url) {
        return new InputLocation(Kind.URL, null, url, null);
    }

    private static InputLocation unsupported(final String problem) {
        return new InputLocation(Kind.UNSUPPORTED, null, null, problem);
    }

    /**
     * The location a text (string or URI cell) names.
     *
     * @param text the cell's text
     * @return the location; {@link Kind#UNSUPPORTED} for empty text, relative paths, invalid paths and schemes other
     *         than {@code file:} and {@code knime:}
     */
    public static InputLocation ofText(final String text) {
        final String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return unsupported("empty path");
        }
        final Matcher m = SCHEME.matcher(t);
        if (m.find()) {
            final String scheme = m.group(1).toLowerCase(Locale.ROOT);
            if (scheme.equals("file")) {
                return ofFileUrl(t);
            }
            if (scheme.equals("knime")) {
                return url(t);
            }
            return unsupported("'" + t + "' is a " + scheme + ": location; " + ONLY_LOCAL);
        }
        return ofLocalPath(t, t);
    }

    /** A {@code file:} URL: converted here when Java can, else left to KNIME (unencoded spaces, UNC hosts). */
    private static InputLocation ofFileUrl(final String t) {
        try {
            return local(Path.of(new URI(t)));
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return url(t);
        }
    }

    private static InputLocation ofLocalPath(final String pathText, final String shown) {
        final Path p;
        try {
            p = Path.of(pathText);
        } catch (InvalidPathException e) {
            return unsupported("'" + shown + "' is not a valid path: " + e.getReason());
        }
        if (!p.isAbsolute()) {
            return unsupported("'" + shown + "' is a relative path; give an absolute path, a file: URL or a "
                    + "knime:// URL");
        }
        return local(p);
    }

    /**
     * The location of a KNIME path cell.
     *
     * @param category  the file system category ({@code LOCAL}, {@code RELATIVE}, {@code MOUNTPOINT},
     *                  {@code CUSTOM_URL}, {@code HUB_SPACE}, {@code CONNECTED})
     * @param specifier the file system specifier (e.g. {@code knime.workflow}, a mount ID), or null
     * @param path      the path within that file system
     * @return the location
     */
    public static InputLocation ofFsLocation(final String category, final String specifier, final String path) {
        if (path == null || path.isBlank()) {
            return unsupported("empty path");
        }
        final String shown = "(" + category + (specifier == null ? "" : ", " + specifier) + ", " + path + ")";
        switch (category == null ? "" : category) {
            case "LOCAL":
                return ofLocalPath(path, path);
            case "CUSTOM_URL":
                return ofText(path);
            case "RELATIVE":
                return ofRelative(specifier, path, shown);
            case "MOUNTPOINT":
                if (specifier == null || specifier.isBlank()) {
                    return unsupported(shown + " names no mountpoint");
                }
                return knimeUrl(specifier, path, shown);
            case "HUB_SPACE":
                return unsupported(shown + " is in a KNIME Hub space; " + ONLY_LOCAL);
            case "CONNECTED":
                return unsupported(shown + " is in a file system of a connector node; " + ONLY_LOCAL);
            default:
                return unsupported(shown + ": unknown file system category");
        }
    }

    private static InputLocation ofRelative(final String specifier, final String path, final String shown) {
        if (specifier == null) {
            return unsupported(shown + " does not say what it is relative to");
        }
        switch (specifier) {
            case "knime.workflow":
                // an absolute path in the workflow-relative file system starts at the mountpoint's root
                return path.startsWith("/") ? knimeUrl("knime.mountpoint", path, shown)
                    : knimeUrl("knime.workflow", "/" + path, shown);
            case "knime.mountpoint":
                return knimeUrl("knime.mountpoint", path, shown);
            case "knime.workflow.data":
                return knimeUrl("knime.workflow", "/data/" + stripSlashes(path), shown);
            case "knime.space":
                return knimeUrl("knime.space", path, shown);
            default:
                return unsupported(shown + ": unknown relative-to location '" + specifier + "'");
        }
    }

    /** {@code knime://HOST/PATH}, with the characters a URI cannot hold (spaces, ...) percent-encoded. */
    private static InputLocation knimeUrl(final String host, final String path, final String shown) {
        final String p = path.startsWith("/") && !path.startsWith("//") ? path : "/" + stripSlashes(path);
        try {
            return url(new URI("knime", host, p, null).toASCIIString());
        } catch (URISyntaxException e) {
            return unsupported(shown + " cannot be expressed as a knime:// URL: " + e.getReason());
        }
    }

    private static String stripSlashes(final String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }
}
