package org.convpaint.knime.files.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.convpaint.io.OutputFormat;

/**
 * The format of the files a row writes: the input's own ({@link #INPUT}: OME-Zarr for a {@code .zarr} store, i.e.
 * a folder, OME-TIFF for everything else, as {@code convpaint predict} without {@code --format}), or always one.
 */
public enum OutputChoice {
    /** The input's own format (settings value {@code input}). */
    INPUT("input"),
    /** Always OME-TIFF (settings value {@code tiff}). */
    TIFF("tiff"),
    /** Always OME-Zarr (settings value {@code zarr}). */
    ZARR("zarr");

    private final String value;

    OutputChoice(final String value) {
        this.value = value;
    }

    /** @return the value of this choice in node settings */
    public String value() {
        return value;
    }

    /**
     * The choice a settings value names.
     *
     * @param text {@code input}, {@code tiff} or {@code zarr} (any case; {@code tif}, {@code ome-tiff},
     *             {@code ome-zarr} too)
     * @return the choice
     * @throws IllegalArgumentException naming the accepted values
     */
    public static OutputChoice parse(final String text) {
        final String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals(INPUT.value)) {
            return INPUT;
        }
        try {
            return OutputFormat.parse(t) == OutputFormat.ZARR ? ZARR : TIFF;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the file format must be 'input', 'tiff' or 'zarr', not '" + text
                    + "'", e);
        }
    }

    /**
     * @param input the input file or store
     * @return the format of its outputs
     */
    public OutputFormat formatFor(final Path input) {
        return switch (this) {
            case TIFF -> OutputFormat.TIFF;
            case ZARR -> OutputFormat.ZARR;
            case INPUT -> Files.isDirectory(input) ? OutputFormat.ZARR : OutputFormat.TIFF;
        };
    }
}
