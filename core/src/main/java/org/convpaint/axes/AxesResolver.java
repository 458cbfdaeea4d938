package org.convpaint.axes;

import java.util.Arrays;
import java.util.Locale;

import org.convpaint.model.ChannelMode;

/**
 * Decides the axes of an image (letters from {@code T, Z, C, Y, X}, ending in {@code YX}) and its shape in them:
 * <ol>
 * <li>an explicit override (e.g. {@code --axes TZCYX}) wins. It may also reshape the leading dimensions (the
 * planes, in C order) into any shape with the same number of planes: a size may follow a leading letter
 * ({@code T3ZYX}, {@code T3Z8YX}); a letter without a size takes the stored size at its position when there are
 * as many letters as stored dimensions, otherwise the one size-less leading letter takes what the others leave
 * (so {@code TYX} flattens a [3, 8, H, W] file into 24 timepoints, and {@code T3ZYX} reads 24 pages as 3 × 8);</li>
 * <li>else axes recorded in the file's metadata (ImageJ, OME, tifffile);</li>
 * <li>else, where only some axes are known (letters with {@code I} for the unknown ones, e.g. {@code CYX} of an RGB
 * file without metadata, whose samples are certainly channels, or {@code ICYX} of several RGB pages), the known
 * letters stay and the unknown axes get the rule below applied to them alone (with a known {@code C}, as for a
 * single-channel model);</li>
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
     * @param shape  the sizes in {@code axes} order (the stored shape, or its reshape by an override); a copy
     * @param source how they were decided
     */
    public record Resolved(String axes, int[] shape, Source source) {
        public Resolved {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /**
     * @param shape         the image's dimensions as stored
     * @param metadataAxes  axes from the file, or null; {@code I} marks an axis whose meaning is unknown (other
     *                      letters outside TZCYX make the whole string unknown)
     * @param override      user's axes (letters, each leading letter optionally followed by its size), or null
     * @param mode          the model's channel mode
     * @param modelChannels channels the model expects (1 for single-channel models)
     * @throws IllegalArgumentException for an override that does not fit the shape, naming what would
     */
    public static Resolved resolve(int[] shape, String metadataAxes, String override, ChannelMode mode,
            int modelChannels) {
        if (override != null && !override.isBlank()) {
            return reshape(shape, override);
        }
        if (metadataAxes != null && metadataAxes.length() == shape.length && isValid(metadataAxes)) {
            return new Resolved(metadataAxes, shape, Source.METADATA);
        }
        String partial = metadataAxes == null || metadataAxes.length() != shape.length ? null
                : completed(metadataAxes, shape, mode, modelChannels);
        return new Resolved(partial != null ? partial : heuristic(shape, mode, modelChannels), shape,
                Source.HEURISTIC);
    }

    /** {@code axes} with its {@code I} letters decided by the heuristic on those axes alone, or null. */
    private static String completed(String axes, int[] shape, ChannelMode mode, int modelChannels) {
        String known = axes.replace("I", "");
        if (known.length() == axes.length() || known.length() == 2 || !isValid(known)) {
            return null;
        }
        int unknown = axes.length() - known.length();
        int[] sub = new int[unknown + 2];
        for (int i = 0, k = 0; i < axes.length() - 2; i++) {
            if (axes.charAt(i) == 'I') {
                sub[k++] = shape[i];
            }
        }
        sub[unknown] = shape[shape.length - 2];
        sub[unknown + 1] = shape[shape.length - 1];
        String guess;
        try {
            guess = heuristic(sub, known.indexOf('C') >= 0 ? ChannelMode.SINGLE : mode, modelChannels);
        } catch (IllegalArgumentException e) {
            return null;
        }
        StringBuilder out = new StringBuilder(axes);
        for (int i = 0, k = 0; i < axes.length(); i++) {
            if (axes.charAt(i) == 'I') {
                out.setCharAt(i, guess.charAt(k++));
            }
        }
        return isValid(out.toString()) ? out.toString() : null;
    }

    private static Resolved reshape(int[] stored, String override) {
        String what = "--axes " + override.strip();
        String spec = override.strip().toUpperCase(Locale.ROOT);
        StringBuilder letters = new StringBuilder();
        long[] sizes = new long[spec.length()];
        for (int i = 0; i < spec.length(); ) {
            char c = spec.charAt(i++);
            if (!Character.isLetter(c)) {
                throw new IllegalArgumentException(what + ": expected a letter (T, Z, C, Y or X) at '" + c + "'");
            }
            int start = i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            long n = 0;
            if (i > start) {
                try {
                    n = Long.parseLong(spec.substring(start, i));
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 1 || n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + ": invalid size " + spec.substring(start, i)
                            + " for " + c);
                }
            }
            sizes[letters.length()] = n;
            letters.append(c);
        }
        String axes = letters.toString();
        if (!isValid(axes)) {
            throw new IllegalArgumentException(what + ": use each of the letters T, Z, C, Y, X at most once, "
                    + "ending with YX (e.g. YX, ZYX, TYX, CYX, TZYX, TZCYX); a leading letter may be followed by "
                    + "its size (e.g. T3ZYX)");
        }
        int m = axes.length();
        int[] out = new int[m];
        out[m - 2] = stored[stored.length - 2];
        out[m - 1] = stored[stored.length - 1];
        for (int k = m - 2; k < m; k++) {
            if (sizes[k] != 0 && sizes[k] != out[k]) {
                throw new IllegalArgumentException(what + ": " + axes.charAt(k) + " is " + out[k]
                        + " in the file, not " + sizes[k]);
            }
        }
        long planes = 1;
        for (int i = 0; i < stored.length - 2; i++) {
            planes *= stored[i];
        }
        boolean samePositions = m == stored.length;
        int open = -1;
        long known = 1;
        for (int k = 0; k < m - 2; k++) {
            long n = sizes[k] != 0 ? sizes[k] : samePositions ? stored[k] : 0;
            if (n == 0) {
                if (open >= 0) {
                    throw new IllegalArgumentException(what + ": the file has " + planes + " planes "
                            + Arrays.toString(stored) + "; give the sizes of all but one leading axis (e.g. "
                            + axes.charAt(0) + (planes > 1 ? "N" : "1") + axes.substring(1) + ")");
                }
                open = k;
            } else {
                out[k] = (int) n;
                known *= n;
            }
        }
        if (open >= 0) {
            if (known == 0 || planes % known != 0) {
                throw new IllegalArgumentException(what + ": " + planes + " planes do not divide into "
                        + describe(axes, out, open));
            }
            out[open] = (int) (planes / known);
        } else if (known != planes) {
            throw new IllegalArgumentException(what + ": " + describe(axes, out, -1) + " = " + known
                    + " planes, but the file has " + planes + " " + Arrays.toString(stored));
        }
        return new Resolved(axes, out, Source.OVERRIDE);
    }

    private static String describe(String axes, int[] sizes, int open) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < axes.length() - 2; k++) {
            if (b.length() > 0) {
                b.append(" × ");
            }
            b.append(axes.charAt(k)).append('=').append(k == open ? "?" : String.valueOf(sizes[k]));
        }
        return b.length() == 0 ? "one plane" : b.toString();
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
