package org.convpaint.io.tiff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tifffile's JSON description ({@code {"shape": [3, 8, 64, 64], "axes": "TZYX"}}). The shape includes the
 * samples axis ({@code S}: last for chunky pages, just before {@code YX} for planar pages) and ends with the page
 * height and width. Axis letters T, Z, C are kept; any other leading letter (Q, I, E, ...) becomes {@code I};
 * without {@code axes} (or with axes that cannot be mapped to distinct letters) the leading axes are flattened into
 * one unnamed {@code I} axis. Descriptions whose shape does not match the page are ignored. Stateless.
 */
final class ShapedDescription {
    private static final Pattern SHAPE = Pattern.compile("\"shape\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern AXES = Pattern.compile("\"axes\"\\s*:\\s*\"([A-Za-z]*)\"");

    private ShapedDescription() {
    }

    /** The metadata of a tifffile JSON description, or null if {@code description} is not one or does not fit. */
    static SeriesMetadata parse(String description, Page first) {
        if (description == null || !description.strip().startsWith("{")) {
            return null;
        }
        Matcher m = SHAPE.matcher(description);
        if (!m.find()) {
            return null;
        }
        List<Long> shape = new ArrayList<>();
        try {
            for (String s : m.group(1).split(",")) {
                if (!s.isBlank()) {
                    long v = Long.parseLong(s.strip());
                    if (v < 1 || v > Integer.MAX_VALUE) {
                        return null;
                    }
                    shape.add(v);
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        Matcher a = AXES.matcher(description);
        String axes = a.find() ? a.group(1).toUpperCase(java.util.Locale.ROOT) : null;
        if (axes != null && axes.length() == shape.size()) {
            SeriesMetadata named = named(axes, shape, first);
            if (named != null) {
                return named;
            }
        }
        return unnamed(shape, first);
    }

    private static SeriesMetadata named(String axes, List<Long> shape, Page first) {
        StringBuilder letters = new StringBuilder();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < axes.length(); i++) {
            char c = axes.charAt(i);
            long n = shape.get(i);
            if (c == 'S') {
                if (n != first.samples) {
                    return null;
                }
                continue;
            }
            letters.append(c == 'T' || c == 'Z' || c == 'C' || c == 'Y' || c == 'X' ? c : 'I');
            sizes.add(n);
        }
        int k = letters.length();
        if (k < 2 || letters.charAt(k - 2) != 'Y' || letters.charAt(k - 1) != 'X'
                || sizes.get(k - 2) != first.height || sizes.get(k - 1) != first.width
                || (first.samples > 1 && axes.indexOf('S') < 0)) {
            return null;
        }
        String lead = letters.substring(0, k - 2);
        if (lead.indexOf('Y') >= 0 || lead.indexOf('X') >= 0 || lead.chars().distinct().count() != lead.length()) {
            return null;
        }
        long[] s = new long[lead.length()];
        for (int i = 0; i < s.length; i++) {
            s[i] = sizes.get(i);
        }
        return new SeriesMetadata("tifffile", lead, s, null, null, true);
    }

    private static SeriesMetadata unnamed(List<Long> shape, Page first) {
        List<Long> rest = new ArrayList<>(shape);
        if (first.samples > 1) {
            int at = first.planarSeparate ? rest.size() - 3 : rest.size() - 1;
            if (at < 0 || rest.get(at) != first.samples) {
                return null;
            }
            rest.remove(at); // planar samples come back as the last leading axis (see SeriesMetadata.samplesAxis)
        }
        int k = rest.size();
        if (k < 2 || rest.get(k - 2) != first.height || rest.get(k - 1) != first.width) {
            return null;
        }
        long planes = 1;
        long[] lead = new long[k - 2];
        for (int i = 0; i < k - 2; i++) {
            lead[i] = rest.get(i);
            planes *= lead[i];
            if (planes > Integer.MAX_VALUE) {
                return null;
            }
        }
        boolean grey = first.photometric == 0 || first.photometric == 1;
        return new SeriesMetadata("tifffile", "I".repeat(lead.length), lead, null, null, false,
                first.samples > 1 && first.planarSeparate && grey);
    }
}
