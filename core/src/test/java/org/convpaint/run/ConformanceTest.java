package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.convpaint.io.tiff.TiffReader;
import org.convpaint.model.ExtractorCatalog;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance with the real napari-convpaint + napari-tmidas on every public fixture case: each output type ×
 * background label is compared pixel by pixel with the reference file; probabilities with {@code probas.npy}.
 * Gaussian models must be 100 % identical, neural models ≥ 99.99 %; probabilities within 1e-5. The per-case
 * agreement table is written to {@code target/conformance-report.md}. Timing cases (2048²) are left to the
 * benchmark script.
 */
class ConformanceTest {
    private static final List<String> REPORT = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> everyPublicCaseMatchesTheReference() {
        Fixtures.root();
        return Fixtures.cases().stream()
                .filter(c -> !"timing".equals(c.get("kind").getAsString()))
                .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
    }

    private static void check(JsonObject c) throws Exception {
        String model = c.get("model").getAsString();
        String fe = Fixtures.model(model).getAsJsonObject("param").get("fe_name").getAsString();
        assumeTrue(ExtractorCatalog.isSupported(fe), fe + " is not supported yet");
        boolean exact = ExtractorCatalog.GAUSSIAN.equals(fe);
        Path root = Fixtures.root();
        Conformance.Output probs = Conformance.run(c, OutputType.SEMANTIC, 0, true);
        Npy ref = Npy.read(root.resolve(c.getAsJsonObject("files").getAsJsonObject("probas").get("path")
                .getAsString()));
        assertEquals(ref.size(), probs.probabilities().length, "probability array size");
        double maxDiff = 0;
        for (int i = 0; i < ref.size(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(probs.probabilities()[i] - ref.data[i]));
        }
        for (JsonElement e : c.getAsJsonArray("outputs")) {
            JsonObject out = e.getAsJsonObject();
            OutputType type = OutputType.valueOf(out.get("output_type").getAsString().toUpperCase(Locale.ROOT));
            int bg = out.get("background_label").getAsInt();
            int[] expected = readLabels(root.resolve(out.getAsJsonObject("file").get("path").getAsString()));
            int[] got = Conformance.run(c, type, bg, false).labels();
            assertEquals(expected.length, got.length, "pixel count");
            int same = 0;
            for (int i = 0; i < got.length; i++) {
                if (got[i] == expected[i]) {
                    same++;
                }
            }
            double agreement = 100.0 * same / got.length;
            synchronized (REPORT) {
                REPORT.add(String.format(Locale.ROOT, "| %s | %s bg%d | %d/%d | %.4f %% | %.2e |",
                        c.get("id").getAsString(), type.name().toLowerCase(Locale.ROOT), bg, same, got.length,
                        agreement, maxDiff));
            }
            if (exact) {
                assertArrayEquals(expected, got, c.get("id").getAsString() + " " + type + " bg" + bg);
            } else {
                assertTrue(agreement >= 99.99, c.get("id").getAsString() + " " + type + " bg" + bg
                        + ": only " + agreement + " % identical");
            }
        }
        assertTrue(maxDiff <= 1e-5, c.get("id").getAsString() + ": probabilities differ by " + maxDiff);
    }

    static int[] readLabels(Path tif) throws Exception {
        try (TiffReader r = TiffReader.open(tif)) {
            int plane = r.width() * r.height();
            int[] out = new int[r.planeCount() * plane];
            double[] buf = new double[plane];
            for (int p = 0; p < r.planeCount(); p++) {
                r.readPlane(p, buf);
                for (int i = 0; i < plane; i++) {
                    out[p * plane + i] = (int) (long) buf[i];
                }
            }
            return out;
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (REPORT.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("| case | output | identical pixels | agreement | max abs diff of probabilities |");
        lines.add("|---|---|---|---|---|");
        lines.addAll(REPORT);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "conformance-report.md"), lines);
    }
}
