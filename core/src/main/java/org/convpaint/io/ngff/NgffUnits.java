package org.convpaint.io.ngff;

import java.util.Locale;
import java.util.Map;

/**
 * Unit spellings: NGFF uses UDUNITS-2 names ({@code micrometer}, {@code second}), the rest of the engine the OME
 * spellings ({@code µm}, {@code s}) that {@link org.convpaint.image.Calibration} carries. Stateless.
 */
final class NgffUnits {
    private static final Map<String, String> LENGTH = Map.ofEntries(Map.entry("angstrom", "\u00c5"),
            Map.entry("picometer", "pm"), Map.entry("nanometer", "nm"), Map.entry("micrometer", "\u00b5m"),
            Map.entry("millimeter", "mm"), Map.entry("centimeter", "cm"), Map.entry("decimeter", "dm"),
            Map.entry("meter", "m"), Map.entry("kilometer", "km"), Map.entry("inch", "in"), Map.entry("foot", "ft"));
    private static final Map<String, String> TIME = Map.ofEntries(Map.entry("nanosecond", "ns"),
            Map.entry("microsecond", "\u00b5s"), Map.entry("millisecond", "ms"), Map.entry("second", "s"),
            Map.entry("minute", "min"), Map.entry("hour", "h"), Map.entry("day", "d"));

    private NgffUnits() {
    }

    /** The OME spelling of an NGFF unit name (unknown names are kept as they are); null stays null. */
    static String toOme(String ngff) {
        if (ngff == null || ngff.isBlank()) {
            return null;
        }
        String key = ngff.strip().toLowerCase(Locale.ROOT);
        String ome = LENGTH.get(key);
        if (ome == null) {
            ome = TIME.get(key);
        }
        return ome != null ? ome : ngff.strip();
    }

    /** The NGFF name of an OME (or NGFF) unit, or null if NGFF has none for it. */
    static String toNgff(String ome) {
        if (ome == null || ome.isBlank()) {
            return null;
        }
        String u = ome.strip().replace('\u03bc', '\u00b5');
        if (u.equalsIgnoreCase("um") || u.equalsIgnoreCase("micron")) {
            u = "\u00b5m";
        }
        for (Map<String, String> m : java.util.List.of(LENGTH, TIME)) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                if (e.getValue().equals(u) || e.getKey().equalsIgnoreCase(u)) {
                    return e.getKey();
                }
            }
        }
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "sec", "seconds" -> "second";
            case "min", "minutes" -> "minute";
            default -> null;
        };
    }
}
