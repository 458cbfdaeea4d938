package org.convpaint.io.zarr;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.convpaint.InvalidInputException;

/**
 * Typed access to members of Zarr metadata read from one file: every missing or mistyped member is an
 * {@link InvalidInputException} naming the file and the member. Immutable.
 */
final class MetadataFields {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private final Path file;

    MetadataFields(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The error {@code invalid Zarr metadata: WHAT}. */
    InvalidInputException invalid(String what) {
        return new InvalidInputException("invalid Zarr metadata: " + what, file);
    }

    /** Member {@code key}, or null if absent (JSON null counts as present). */
    static JsonElement optional(JsonObject o, String key) {
        return o.get(key);
    }

    JsonElement required(JsonObject o, String key) throws InvalidInputException {
        JsonElement e = o.get(key);
        if (e == null) {
            throw invalid("\"" + key + "\" is missing");
        }
        return e;
    }

    JsonObject object(JsonElement e, String what) throws InvalidInputException {
        if (e == null || !e.isJsonObject()) {
            throw invalid(what + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    String string(JsonElement e, String what) throws InvalidInputException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw invalid(what + " must be a string");
        }
        return e.getAsString();
    }

    /** An integer in the range of a long (no fractions, no exponents). */
    long integer(JsonElement e, String what) throws InvalidInputException {
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            String s = e.getAsJsonPrimitive().getAsString();
            if (INTEGER.matcher(s).matches()) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException tooLarge) {
                    throw invalid(what + " " + s + " is too large");
                }
            }
        }
        throw invalid(what + " must be an integer");
    }

    /** An integer as an int, within {@code [min, max]}. */
    int integer(JsonElement e, String what, int min, int max) throws InvalidInputException {
        long v = integer(e, what);
        if (v < min || v > max) {
            throw invalid(what + " " + v + " is not within " + min + ".." + max);
        }
        return (int) v;
    }

    /** A JSON array of integers (at most {@link ArrayMetadata#MAX_RANK}). */
    long[] integers(JsonElement e, String what) throws InvalidInputException {
        if (e == null || !e.isJsonArray()) {
            throw invalid(what + " must be a list of integers");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() > ArrayMetadata.MAX_RANK) {
            throw new InvalidInputException("arrays of " + a.size() + " dimensions are not supported (1 to "
                    + ArrayMetadata.MAX_RANK + ")", file);
        }
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = integer(a.get(i), what + " entry");
        }
        return v;
    }

    /**
     * A fill value: a number, {@code null} (v2: 0), or one of the strings {@code NaN}, {@code Infinity},
     * {@code -Infinity}; then as {@code dtype} holds it.
     */
    double fillValue(JsonElement e, DType dtype) throws InvalidInputException {
        double v;
        if (e == null || e.isJsonNull()) {
            v = 0;
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            v = parse(e.getAsJsonPrimitive());
        } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            switch (s) {
                case "NaN" -> v = Double.NaN;
                case "Infinity" -> v = Double.POSITIVE_INFINITY;
                case "-Infinity" -> v = Double.NEGATIVE_INFINITY;
                default -> throw new InvalidInputException("fill_value \"" + (s.length() > 40 ? s.substring(0, 40)
                        + "..." : s) + "\" is not supported (a number, \"NaN\", \"Infinity\" or \"-Infinity\")",
                        file);
            }
        } else {
            throw new InvalidInputException("fill_value " + (e.isJsonPrimitive() ? e.toString() : "of this kind")
                    + " is not supported (a number, \"NaN\", \"Infinity\" or \"-Infinity\")", file);
        }
        if (dtype.type().isInteger() && !(v >= dtype.type().minValue() && v <= dtype.type().maxValue()
                && v == Math.rint(v))) {
            throw invalid("fill_value " + v + " is not a " + dtype.type().numpyName() + " value");
        }
        return dtype.stored(v);
    }

    private double parse(JsonPrimitive p) throws InvalidInputException {
        try {
            return Double.parseDouble(p.getAsString());
        } catch (NumberFormatException e) {
            throw invalid("fill_value " + p.getAsString() + " is not a number");
        }
    }
}
