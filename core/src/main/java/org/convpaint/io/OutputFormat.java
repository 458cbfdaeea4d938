package org.convpaint.io;

import java.util.Locale;

/** The formats label and probability images are written in, with the file name extension each output gets. */
public enum OutputFormat {
    /** OME-TIFF, one file per output. */
    TIFF(".tif"),
    /** OME-Zarr (NGFF 0.4 on Zarr v2), one folder per output. */
    ZARR(".ome.zarr");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** Extension of outputs in this format, with its dot. */
    public String extension() {
        return extension;
    }

    /**
     * The format named {@code name} ({@code tiff}, {@code tif}, {@code zarr}, {@code ome-zarr}; any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static OutputFormat parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "tiff", "tif", "ome-tiff" -> TIFF;
            case "zarr", "ome-zarr", "ome.zarr" -> ZARR;
            default -> throw new IllegalArgumentException("format must be tiff or zarr, not '" + name + "'");
        };
    }
}
