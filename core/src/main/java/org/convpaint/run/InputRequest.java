package org.convpaint.run;

import java.nio.file.Path;

/**
 * How to read one input. Immutable.
 *
 * @param path  a TIFF file, an OME-Zarr image folder or a plain Zarr array folder
 * @param axes  axes given by the user (see {@link org.convpaint.axes.AxesResolver}), or null to decide them from
 *              the metadata, else napari-tmidas' rule
 * @param level OME-Zarr resolution level (0 = full resolution); must be 0 for TIFF files
 */
public record InputRequest(Path path, String axes, int level) {
    public InputRequest {
        if (path == null) {
            throw new IllegalArgumentException("path is required");
        }
        if (level < 0) {
            throw new IllegalArgumentException("level must be >= 0");
        }
    }

    /** {@code path} with axes from its metadata, full resolution. */
    public static InputRequest of(Path path) {
        return new InputRequest(path, null, 0);
    }
}
