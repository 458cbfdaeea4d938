package org.convpaint.knime.files.batch;

import java.util.Locale;

/**
 * Checks the text of the axes setting before anything runs, by the engine's rule for axes given by the user (as
 * {@code convpaint predict --axes}): letters from T, Z, C, Y, X, each at most once, ending with YX; a letter may be
 * followed by its size (e.g. {@code T3ZYX}). Whether the axes fit a file is decided per file by the engine.
 * Stateless.
 */
public final class AxesText {
    private static final String LETTERS = "TZCYX";

    private AxesText() {
    }

    /**
     * @param text the setting's value; empty or blank means "from each file's metadata"
     * @return null if the text is usable, else why not (one line)
     */
    public static String problem(final String text) {
        final String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        final StringBuilder letters = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            final char c = t.charAt(i++);
            if (LETTERS.indexOf(c) < 0 || letters.indexOf(String.valueOf(c)) >= 0) {
                return rule(text);
            }
            letters.append(c);
            final int start = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i > start && !validSize(t.substring(start, i))) {
                return "Axes '" + text.strip() + "': invalid size " + t.substring(start, i) + " for " + c;
            }
        }
        return letters.length() == 0 || letters.toString().endsWith("YX") ? null : rule(text);
    }

    private static boolean validSize(final String digits) {
        try {
            final long n = Long.parseLong(digits);
            return n >= 1 && n <= Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String rule(final String text) {
        return "Axes '" + text.strip() + "': use each of the letters T, Z, C, Y, X at most once, ending with YX "
            + "(e.g. YX, ZYX, TYX, CYX, TZYX); a leading letter may be followed by its size (e.g. T3ZYX); empty = "
            + "from each file's metadata";
    }
}
