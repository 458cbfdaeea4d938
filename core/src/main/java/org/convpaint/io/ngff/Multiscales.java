package org.convpaint.io.ngff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;

/**
 * The first {@code multiscales} entry of an OME-NGFF image: its version, axes (as engine letters, in array order),
 * units and resolution levels with their scales. Reads NGFF 0.4 ({@code multiscales} in the attributes), 0.5
 * ({@code ome.multiscales}) and the older 0.1–0.3 forms (axes as strings, or none for 5-D {@code tczyx}).
 * Immutable.
 */
public final class Multiscales {
    /**
     * One resolution level.
     *
     * @param path  the array's path inside the image group
     * @param scale physical size of one step per axis (the level's scale times the multiscale's own), 1 if unknown
     */
    public record Level(String path, double[] scale) {
        public Level {
            scale = scale.clone();
        }

        @Override
        public double[] scale() {
            return scale.clone();
        }
    }

    private final String version;
    private final String axes;
    private final String[] units;
    private final List<Level> levels;

    private Multiscales(String version, String axes, String[] units, List<Level> levels) {
        this.version = version;
        this.axes = axes;
        this.units = units;
        this.levels = levels;
    }

    /**
     * Parses the attributes of an image group.
     *
     * @param store for messages
     * @throws InvalidInputException naming {@code store}: no multiscales, a plate or well, invalid axes or levels
     */
    public static Multiscales parse(JsonObject attributes, Path store) throws InvalidInputException {
        JsonObject root = attributes;
        String version = null;
        if (attributes.has("ome") && attributes.get("ome").isJsonObject()) {
            root = attributes.getAsJsonObject("ome");
            version = string(root, "version");
        }
        if (root.has("plate") || root.has("well")) {
            throw new InvalidInputException("this OME-Zarr store is an HCS " + (root.has("plate") ? "plate" : "well")
                    + "; give one of its images instead (e.g. " + store.getFileName() + "/A/1/0)", store);
        }
        if (!root.has("multiscales") || !root.get("multiscales").isJsonArray()
                || root.getAsJsonArray("multiscales").isEmpty()
                || !root.getAsJsonArray("multiscales").get(0).isJsonObject()) {
            throw new InvalidInputException("not an OME-Zarr image: its attributes have no multiscales", store);
        }
        JsonObject ms = root.getAsJsonArray("multiscales").get(0).getAsJsonObject();
        if (version == null) {
            version = string(ms, "version");
        }
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        StringBuilder letters = new StringBuilder();
        if (ms.has("axes")) {
            if (!ms.get("axes").isJsonArray()) {
                throw invalid(store, "multiscales axes is not a list");
            }
            for (JsonElement a : ms.getAsJsonArray("axes")) {
                String name;
                String type = null;
                String unit = null;
                if (a.isJsonPrimitive()) {
                    name = a.getAsString();
                } else if (a.isJsonObject()) {
                    name = string(a.getAsJsonObject(), "name");
                    type = string(a.getAsJsonObject(), "type");
                    unit = string(a.getAsJsonObject(), "unit");
                } else {
                    throw invalid(store, "an axis is neither a name nor an object");
                }
                if (name == null) {
                    throw invalid(store, "an axis has no name");
                }
                char letter = letter(name, type, store);
                if (letters.indexOf(String.valueOf(letter)) >= 0) {
                    throw invalid(store, "two axes map to " + letter + " (axes " + names + ", " + name + ")");
                }
                letters.append(letter);
                names.add(name);
                units.add(NgffUnits.toOme(unit));
            }
        } else {
            letters.append("TCZYX");
            for (int i = 0; i < 5; i++) {
                units.add(null);
            }
        }
        String axes = letters.toString();
        if (!axes.endsWith("YX")) {
            throw invalid(store, "axes " + axes.toLowerCase(Locale.ROOT) + " do not end in y, x");
        }
        double[] global = scale(ms.get("coordinateTransformations"), axes.length(), store);
        if (!ms.has("datasets") || !ms.get("datasets").isJsonArray() || ms.getAsJsonArray("datasets").isEmpty()) {
            throw invalid(store, "multiscales has no datasets");
        }
        List<Level> levels = new ArrayList<>();
        for (JsonElement d : ms.getAsJsonArray("datasets")) {
            if (!d.isJsonObject() || string(d.getAsJsonObject(), "path") == null) {
                throw invalid(store, "a dataset has no path");
            }
            String path = string(d.getAsJsonObject(), "path");
            if (path.isEmpty() || path.startsWith("/") || Arrays.asList(path.split("/")).contains("..")) {
                throw invalid(store, "dataset path '" + path + "' leaves the image");
            }
            double[] s = scale(d.getAsJsonObject().get("coordinateTransformations"), axes.length(), store);
            for (int i = 0; i < s.length; i++) {
                s[i] *= global[i];
            }
            levels.add(new Level(path, s));
        }
        return new Multiscales(version, axes, units.toArray(new String[0]), List.copyOf(levels));
    }

    private static char letter(String name, String type, Path store) throws InvalidInputException {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "t", "time" -> {
                return 'T';
            }
            case "c", "channel", "ch" -> {
                return 'C';
            }
            case "z", "y", "x" -> {
                return Character.toUpperCase(n.charAt(0));
            }
            default -> {
                if ("time".equals(type)) {
                    return 'T';
                }
                if ("channel".equals(type)) {
                    return 'C';
                }
                throw invalid(store, "axis '" + name + "'" + (type == null ? "" : " of type " + type)
                        + " is not supported (the engine knows t, c, z, y, x)");
            }
        }
    }

    /** The product of the scale transformations in {@code transforms} (1 per axis if none). */
    private static double[] scale(JsonElement transforms, int rank, Path store) throws InvalidInputException {
        double[] out = new double[rank];
        Arrays.fill(out, 1);
        if (transforms == null || !transforms.isJsonArray()) {
            return out;
        }
        for (JsonElement t : transforms.getAsJsonArray()) {
            if (!t.isJsonObject() || !"scale".equals(string(t.getAsJsonObject(), "type"))
                    || !t.getAsJsonObject().has("scale")) {
                continue; // translations and scales stored in files do not change the pixel size read here
            }
            JsonElement s = t.getAsJsonObject().get("scale");
            if (!s.isJsonArray() || s.getAsJsonArray().size() != rank) {
                throw invalid(store, "a scale transformation does not have one value per axis (" + rank + ")");
            }
            JsonArray a = s.getAsJsonArray();
            for (int i = 0; i < rank; i++) {
                double v = a.get(i).isJsonPrimitive() && a.get(i).getAsJsonPrimitive().isNumber()
                        ? a.get(i).getAsDouble() : Double.NaN;
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw invalid(store, "scale value " + a.get(i) + " is not a positive number");
                }
                out[i] *= v;
            }
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static InvalidInputException invalid(Path store, String what) {
        return new InvalidInputException("invalid OME-Zarr metadata: " + what, store);
    }

    /** NGFF version as written ({@code 0.4}, {@code 0.5}), or null if none. */
    public String version() {
        return version;
    }

    /** Axes letters (T, C, Z, Y, X) in array order, ending in YX. */
    public String axes() {
        return axes;
    }

    public int levelCount() {
        return levels.size();
    }

    /** Level {@code n} (0 = full resolution). */
    public Level level(int n) {
        return levels.get(n);
    }

    /** The physical calibration of level {@code n}: its scales and the axes' units. */
    public Calibration calibration(int n) {
        double[] s = levels.get(n).scale();
        int x = axes.indexOf('X');
        int y = axes.indexOf('Y');
        int z = axes.indexOf('Z');
        int t = axes.indexOf('T');
        boolean anyUnit = java.util.stream.Stream.of(units).anyMatch(u -> u != null);
        boolean anyScale = Arrays.stream(s).anyMatch(v -> v != 1);
        if (!anyUnit && !anyScale) {
            return Calibration.UNKNOWN;
        }
        return new Calibration(s[x], s[y], z < 0 ? Double.NaN : s[z], t < 0 ? Double.NaN : s[t], units[x],
                t < 0 ? null : units[t]);
    }
}
