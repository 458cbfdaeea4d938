package org.convpaint.io.tiff;

import java.util.HashMap;
import java.util.Map;

import org.convpaint.image.Calibration;

/**
 * Reads the ImageJ description ({@code ImageJ=...\nimages=N\nchannels=C\nslices=Z\nframes=T\n...}). ImageJ stores
 * planes with C fastest, then Z, then T, so the page axes are {@code TZC}. Pixel width and height are
 * {@code 1 / XResolution} and {@code 1 / YResolution} in the description's {@code unit} (only when a unit is
 * given), {@code spacing} is the Z step and {@code finterval} the frame interval (unit {@code tunit}, default
 * {@code sec}). Stateless.
 */
final class ImageJDescription {
    private ImageJDescription() {
    }

    /** The metadata of an ImageJ description, or null if {@code description} is not one. */
    static SeriesMetadata parse(String description, Page first) {
        if (description == null || !description.startsWith("ImageJ=")) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        long channels = positive(kv.get("channels"));
        long slices = positive(kv.get("slices"));
        long frames = positive(kv.get("frames"));
        long images = kv.containsKey("images") ? positive(kv.get("images")) : channels * slices * frames;
        if (channels < 0 || slices < 0 || frames < 0 || images < 0) {
            return null;
        }
        Calibration cal = calibration(kv, first);
        if (channels * slices * frames == images) {
            return new SeriesMetadata("ImageJ", "TZC", new long[] {frames, slices, channels}, null, cal, true);
        }
        if (slices * frames == images) {
            // e.g. an RGB image whose "channels" are its samples
            return new SeriesMetadata("ImageJ", "TZ", new long[] {frames, slices}, null, cal, true);
        }
        return new SeriesMetadata("ImageJ", "I", new long[] {images}, null, cal, false);
    }

    /** A positive count, 1 if absent, -1 if invalid. */
    private static long positive(String v) {
        if (v == null) {
            return 1;
        }
        try {
            long n = Long.parseLong(v);
            return n >= 1 && n <= Integer.MAX_VALUE ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Calibration calibration(Map<String, String> kv, Page first) {
        String unit = kv.get("unit");
        double pw = Double.NaN;
        double ph = Double.NaN;
        double pd = Double.NaN;
        String spaceUnit = null;
        if (unit != null && !unit.isEmpty()) {
            spaceUnit = Units.normalizeLength(unescape(unit));
            pw = inverse(first.xResolution);
            ph = inverse(first.yResolution);
            pd = Units.finiteNumber(kv.get("spacing"));
        }
        double interval = Units.finiteNumber(kv.get("finterval"));
        String timeUnit = null;
        if (!Double.isNaN(interval)) {
            String t = kv.get("tunit");
            timeUnit = t == null || t.isEmpty() ? "sec" : unescape(t);
        }
        return new Calibration(pw, ph, pd, interval, spaceUnit, timeUnit);
    }

    private static double inverse(double resolution) {
        return resolution > 0 && Double.isFinite(resolution) ? 1.0 / resolution : Double.NaN;
    }

    /** Resolves {@code \\uXXXX} escapes, as ImageJ writes {@code \\u00B5m}. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 6 <= s.length() && s.charAt(i + 1) == 'u') {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                    i += 6;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }
}
