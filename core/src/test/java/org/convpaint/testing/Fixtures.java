package org.convpaint.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The conformance fixtures produced by the real napari-convpaint and napari-tmidas ({@code ../shared/fixtures},
 * or the system property {@code convpaint.fixtures}). Tests that need them call {@link #root()}, which skips the
 * test with a visible message when the folder is absent (a fresh clone has none).
 */
public final class Fixtures {
    private static JsonObject manifest;

    private Fixtures() {
    }

    /** The fixtures folder if present, else null. */
    public static Path rootOrNull() {
        String prop = System.getProperty("convpaint.fixtures");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "fixtures");
        return Files.isDirectory(p.resolve("cases")) ? p.toAbsolutePath().normalize() : null;
    }

    /** The fixtures folder; skips the calling test when it is absent. */
    public static Path root() {
        Path p = rootOrNull();
        if (p == null) {
            System.err.println("[convpaint] conformance fixtures not found (set -Dconvpaint.fixtures=DIR): "
                    + "fixture-based tests are SKIPPED");
        }
        assumeTrue(p != null, "conformance fixtures not found (../shared/fixtures or -Dconvpaint.fixtures)");
        return p;
    }

    /** A file inside the fixtures folder (skips if the folder is absent). */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The parsed {@code manifest.json}. */
    public static synchronized JsonObject manifest() {
        if (manifest == null) {
            try (Reader r = Files.newBufferedReader(root().resolve("manifest.json"))) {
                manifest = JsonParser.parseReader(r).getAsJsonObject();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read fixtures manifest", e);
            }
        }
        return manifest;
    }

    /** Every case of the manifest, in manifest order. */
    public static List<JsonObject> cases() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : manifest().getAsJsonArray("cases")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /** The manifest entry of a model, e.g. {@code m01_gauss_gray3}. */
    public static JsonObject model(String name) {
        return manifest().getAsJsonObject("models").getAsJsonObject(name);
    }

    /** Model names of the manifest. */
    public static List<String> modelNames() {
        return new ArrayList<>(manifest().getAsJsonObject("models").keySet());
    }

    /** A JSON array of integers as an int array. */
    public static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
