package org.convpaint.io.tiff;

import java.util.Locale;
import java.util.Map;

/**
 * Spellings and conversions of length and time units as they appear in OME-XML, ImageJ descriptions and TIFF
 * resolution tags. Micrometres are always spelled {@code µm} (U+00B5) after normalisation. Stateless.
 */
final class Units {
    /** Micrometre as OME spells it. */
    static final String MICROMETER = "\u00b5m";

    private static final Map<String, Double> METERS = Map.of("pm", 1e-12, "\u00c5", 1e-10, "nm", 1e-9,
            MICROMETER, 1e-6, "mm", 1e-3, "cm", 1e-2, "dm", 1e-1, "m", 1.0, "km", 1e3);
    private static final Map<String, String> TIME = Map.ofEntries(Map.entry("s", "s"), Map.entry("sec", "s"),
            Map.entry("second", "s"), Map.entry("seconds", "s"), Map.entry("ms", "ms"), Map.entry("msec", "ms"),
            Map.entry("\u00b5s", "\u00b5s"), Map.entry("us", "\u00b5s"), Map.entry("ns", "ns"),
            Map.entry("min", "min"), Map.entry("minute", "min"), Map.entry("minutes", "min"), Map.entry("h", "h"),
            Map.entry("hr", "h"), Map.entry("hour", "h"), Map.entry("hours", "h"), Map.entry("d", "d"));

    private Units() {
    }

    /** A finite decimal number as metadata writes it (e.g. a pixel size), else NaN (also for null or empty). */
    static double finiteNumber(String v) {
        if (v == null) {
            return Double.NaN;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A length unit with micrometre spellings ({@code um}, {@code micron}, Greek mu) unified; null stays null. */
    static String normalizeLength(String unit) {
        if (unit == null) {
            return null;
        }
        String u = unit.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.equals("um") || lower.equals("\u03bcm") || lower.equals(MICROMETER) || lower.equals("micron")
                || lower.equals("microns") || lower.equals("micrometer") || lower.equals("micrometre")) {
            return MICROMETER;
        }
        if (lower.equals("a") || lower.equals("angstrom")) {
            return "\u00c5";
        }
        return u;
    }

    /** Metres per unit of a (normalised) length unit, NaN if not a metric length unit. */
    static double meters(String unit) {
        Double m = unit == null ? null : METERS.get(unit);
        return m == null ? Double.NaN : m;
    }

    /** {@code value} in unit {@code from} expressed in unit {@code to}; unchanged if either is not metric. */
    static double convert(double value, String from, String to) {
        double f = meters(from);
        double t = meters(to);
        return Double.isNaN(f) || Double.isNaN(t) ? value : value * f / t;
    }

    /** The OME spelling of a time unit, or null if it is not one OME knows. */
    static String omeTime(String unit) {
        return unit == null ? null : TIME.get(unit.strip().toLowerCase(Locale.ROOT).replace("\u03bc", "\u00b5"));
    }

    /** The OME spelling of a length unit ({@code µm}, {@code nm}, ...), or null if OME has no such unit. */
    static String omeLength(String unit) {
        String u = normalizeLength(unit);
        return u != null && (METERS.containsKey(u) || u.equals("pixel")) ? u : null;
    }
}
