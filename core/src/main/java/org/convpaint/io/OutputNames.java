package org.convpaint.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one naming rule of outputs, shared by the command line and the KNIME node: an input {@code NAME.EXT} gives
 * {@code NAME<suffix><ext>} for labels (suffix {@value #LABELS_SUFFIX} by default) and
 * {@code NAME}{@value #PROBABILITIES_SUFFIX}{@code <ext>} for probabilities, where EXT is any known image extension
 * ({@code .ome.tif}, {@code .tiff}, {@code .ome.zarr}, {@code .zarr}, {@code .czi}, ...) and ext the output
 * format's. Stateless.
 */
public final class OutputNames {
    /** Default suffix of label outputs. */
    public static final String LABELS_SUFFIX = "_convpaint_labels";
    /** Suffix of probability outputs. */
    public static final String PROBABILITIES_SUFFIX = "_convpaint_probabilities";

    /** Longer extensions before their tails ({@code .ome.tif} before {@code .tif}). */
    private static final List<String> EXTENSIONS = List.of(".ome.tiff", ".ome.tif", ".ome.zarr", ".tiff", ".tif",
            ".zarr", ".ome.btf", ".btf", ".png", ".jpg", ".jpeg", ".czi", ".nd2", ".lif", ".lsm", ".zvi", ".ims",
            ".ics", ".ids", ".dv", ".stk", ".oib", ".oif", ".vsi");

    private OutputNames() {
    }

    /** {@code name} (a file or folder name, no parent folders) without its image extension, if it has one. */
    public static String stem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** The label output for input {@code input} in {@code folder}. */
    public static Path labels(Path folder, Path input, String suffix, OutputFormat format) {
        return folder.resolve(stem(input.getFileName().toString()) + suffix + format.extension());
    }

    /** The probability output for input {@code input} in {@code folder}. */
    public static Path probabilities(Path folder, Path input, OutputFormat format) {
        return folder.resolve(stem(input.getFileName().toString()) + PROBABILITIES_SUFFIX + format.extension());
    }

    /** True if {@code name} is an output of this tool (its stem ends in the label or the probability suffix). */
    public static boolean isOutput(String name, String labelSuffix) {
        String s = stem(name);
        return s.endsWith(labelSuffix) || s.endsWith(PROBABILITIES_SUFFIX);
    }
}
