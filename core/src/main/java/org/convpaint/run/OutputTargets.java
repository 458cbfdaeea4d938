package org.convpaint.run;

import java.nio.file.Path;

import org.convpaint.io.OutputFormat;

/**
 * Where the outputs of one input go. Immutable.
 *
 * @param format        format of the outputs
 * @param labels        the label output (file or store), or null when the labels go only into the input store
 * @param probabilities the probability output, or null for none
 * @param intoInput     also write the labels into the input OME-Zarr store as {@code labels/convpaint} (always
 *                      OME-Zarr, in the store's Zarr version)
 */
public record OutputTargets(OutputFormat format, Path labels, Path probabilities, boolean intoInput) {
    public OutputTargets {
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
        if (labels == null && !intoInput) {
            throw new IllegalArgumentException("labels go nowhere");
        }
        if (labels == null && probabilities != null && format != OutputFormat.ZARR) {
            throw new IllegalArgumentException("probabilities without a separate label output are OME-Zarr only");
        }
    }

    /** Labels (and optionally probabilities) as OME-TIFF files. */
    public static OutputTargets tiff(Path labels, Path probabilities) {
        return new OutputTargets(OutputFormat.TIFF, labels, probabilities, false);
    }
}
