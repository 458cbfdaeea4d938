package org.convpaint.axes;

import java.util.Arrays;
import java.util.Locale;

import org.convpaint.model.ChannelMode;

/**
 * Decides the axes of an image (letters from {@code T, Z, C, Y, X}, ending in {@code YX}):
 * <ol>
 * <li>an explicit override (e.g. {@code --axes TZCYX}) wins;</li>
 * <li>else axes recorded in the file's metadata (ImageJ, OME, tifffile);</li>
 * <li>else napari-tmidas' rule on the shape: 2-D → YX; 3-D → ZYX if the first size is &lt; 100, else TYX; 4-D →
 * TZYX. For {@code multi}/{@code rgb} models the leading axis of a 3-D image with first size &lt; 100 is the
 * channel axis (CYX), as convpaint reads it; a 4-D image is CZYX if its first size equals the model's channel
 * count, else TCYX (as tmidas passes each timepoint to convpaint).</li>
 * </ol>
 * Stateless.
 */
public final class AxesResolver {
    private static final String LETTERS = "TZCYX";

    private AxesResolver() {
    }

    /** How the axes were decided. */
    public enum Source { OVERRIDE, METADATA, HEURISTIC }

    /**
     * @param axes   the letters, one per dimension
     * @param source how they were decided
     */
    public record Resolved(String axes, Source source) {
    }

    /**
     * @param shape         the image's dimensions as stored
     * @param metadataAxes  axes from metadata, or null; letters other than TZCYX (e.g. tifffile's {@code I}, {@code Q})
     *                      count as unknown and send the decision to the heuristic
     * @param override      user's axes, or null
     * @param mode          the model's channel mode
     * @param modelChannels channels the model expects (1 for single-channel models)
     * @throws IllegalArgumentException for an override that does not fit the shape
     */
    public static Resolved resolve(int[] shape, String metadataAxes, String override, ChannelMode mode,
            int modelChannels) {
        if (override != null && !override.isBlank()) {
            String a = override.strip().toUpperCase(Locale.ROOT);
            validate(a, shape.length, "--axes " + override);
            return new Resolved(a, Source.OVERRIDE);
        }
        if (metadataAxes != null && metadataAxes.length() == shape.length && isValid(metadataAxes)) {
            return new Resolved(metadataAxes, Source.METADATA);
        }
        return new Resolved(heuristic(shape, mode, modelChannels), Source.HEURISTIC);
    }

    static String heuristic(int[] shape, ChannelMode mode, int modelChannels) {
        boolean channels = mode != ChannelMode.SINGLE;
        switch (shape.length) {
            case 2:
                return "YX";
            case 3:
                if (shape[0] < 100) {
                    return channels ? "CYX" : "ZYX";
                }
                return "TYX";
            case 4:
                if (channels) {
                    return shape[0] == modelChannels && shape[1] != modelChannels ? "CZYX" : "TCYX";
                }
                return "TZYX";
            default:
                throw new IllegalArgumentException("cannot guess the axes of a " + shape.length
                        + "-D image " + Arrays.toString(shape) + "; give them with --axes (e.g. TZCYX)");
        }
    }

    /** Checks letters: each of TZCYX at most once, ending in YX, one per dimension. */
    public static void validate(String axes, int ndim, String what) {
        if (axes.length() != ndim) {
            throw new IllegalArgumentException(what + ": " + axes.length() + " letters for a " + ndim
                    + "-D image");
        }
        if (!isValid(axes)) {
            throw new IllegalArgumentException(what + ": use each of the letters T, Z, C, Y, X at most once, "
                    + "ending with YX (e.g. YX, ZYX, TYX, CYX, TZYX, TZCYX)");
        }
    }

    private static boolean isValid(String axes) {
        if (!axes.endsWith("YX")) {
            return false;
        }
        for (int i = 0; i < axes.length(); i++) {
            char c = axes.charAt(i);
            if (LETTERS.indexOf(c) < 0 || axes.indexOf(c) != i) {
                return false;
            }
        }
        return true;
    }
}
