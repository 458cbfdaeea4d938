package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path tmp;

    private Path bundledModel() throws Exception {
        Path f = tmp.resolve("m03.pkl");
        try (InputStream in = getClass().getResourceAsStream("/testdata/m03_gauss_ms_o1_norm1.pkl")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void jsonIsExactlyOneObjectWithTheDocumentedKeys() throws Exception {
        CliRunner r = CliRunner.run("inspect", "--json", bundledModel().toString());
        assertEquals(0, r.exit(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(List.of("featureExtractor", "layers", "scalings", "order", "useMinFeatures", "channelMode",
                "normalize", "imageDownsample", "segSmoothening", "classifier", "classes", "numFeatures", "weights"),
                new ArrayList<>(o.keySet()));
        assertEquals("gaussian_features", o.get("featureExtractor").getAsString());
        assertEquals("[1,2,4]", o.get("scalings").toString());
        assertEquals("[1,2,5]", o.get("classes").toString());
        assertEquals(3, o.get("numFeatures").getAsInt());
        assertTrue(o.get("weights").isJsonNull());
        assertEquals(1, r.out().strip().lines().count());
    }

    @Test
    void summaryNamesExtractorClassifierAndClasses() throws Exception {
        CliRunner r = CliRunner.run("inspect", bundledModel().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("gaussian_features"), r.out());
        assertTrue(r.out().contains("RandomForest, 3 classes [1, 2, 5]"), r.out());
    }

    @Test
    void jsonMatchesTheManifestForEveryFixtureModel() {
        Path root = Fixtures.root();
        for (String name : Fixtures.modelNames()) {
            JsonObject entry = Fixtures.model(name);
            JsonObject param = entry.getAsJsonObject("param");
            CliRunner r = CliRunner.run("inspect", "--json", root.resolve("models/" + name + ".pkl").toString());
            assertEquals(0, r.exit(), name + ": " + r.err());
            JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
            assertEquals(param.get("fe_name").getAsString(), o.get("featureExtractor").getAsString(), name);
            assertEquals(param.get("fe_scalings"), o.get("scalings"), name);
            assertEquals(param.get("fe_order").getAsInt(), o.get("order").getAsInt(), name);
            assertEquals(param.get("channel_mode").getAsString(), o.get("channelMode").getAsString(), name);
            assertEquals(param.get("normalize").getAsInt(), o.get("normalize").getAsInt(), name);
            assertEquals(param.get("image_downsample").getAsInt(), o.get("imageDownsample").getAsInt(), name);
            assertEquals(param.get("seg_smoothening").getAsInt(), o.get("segSmoothening").getAsInt(), name);
            assertEquals(param.get("fe_use_min_features").getAsBoolean(), o.get("useMinFeatures").getAsBoolean());
            assertEquals("RandomForest", o.get("classifier").getAsString(), name);
            assertEquals(entry.getAsJsonObject("classifier").get("classes"), o.get("classes"), name);
            assertEquals(entry.get("num_features").getAsInt(), o.get("numFeatures").getAsInt(), name);
            JsonArray layers = new JsonArray();
            if (param.get("fe_layers").isJsonArray()) {
                for (JsonElement e : param.getAsJsonArray("fe_layers")) {
                    layers.add(e.getAsString().split(" ")[0]);
                }
            }
            assertEquals(layers, o.get("layers"), name);
            String fe = param.get("fe_name").getAsString();
            JsonElement w = o.get("weights");
            switch (fe) {
                case "gaussian_features" -> assertTrue(w.isJsonNull(), name);
                case "vgg16" -> assertEquals("vgg16-397923af.pth", w.getAsString(), name);
                case "dinov2_small-reg", "combo_dino_gauss" ->
                        assertEquals("dinov2_vits14_reg4_pretrain.pth", w.getAsString(), name);
                case "combo_dino_vgg" -> assertEquals("[\"vgg16-397923af.pth\",\"dinov2_vits14_reg4_pretrain.pth\"]",
                        w.toString(), name);
                case "dinov3_small-plus" -> assertEquals("vit_small_plus_patch16_dinov3_lvd1689m.safetensors",
                        w.getAsString(), name);
                default -> throw new AssertionError("unexpected extractor " + fe);
            }
        }
    }

    @Test
    void lilyIsMultiChannelCatBoostWith768Features() {
        CliRunner r = CliRunner.run("inspect", "--json", Fixtures.file("external/lily_VGG16.pkl").toString());
        assertEquals(0, r.exit(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("multi", o.get("channelMode").getAsString());
        assertEquals(768, o.get("numFeatures").getAsInt());
        assertEquals("CatBoost", o.get("classifier").getAsString());
        assertEquals("[1,2,3]", o.get("classes").toString());
        assertEquals("vgg16", o.get("featureExtractor").getAsString());
        assertEquals("[\"features.0\"]", o.get("layers").toString());
        assertEquals("vgg16-397923af.pth", o.get("weights").getAsString());
    }

    @Test
    void badFileExitsWith2AndOneLineOnStderr() throws Exception {
        Path bad = tmp.resolve("notes.pkl");
        Files.writeString(bad, "hello");
        CliRunner r = CliRunner.run("inspect", "--json", bad.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("convpaint: " + bad + ": "), "the path as given: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() throws Exception {
        Path bad = tmp.resolve("empty.pkl");
        Files.write(bad, new byte[0]);
        CliRunner r = CliRunner.run("inspect", "--verbose", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("InvalidModelException"), r.err());
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRunner r = CliRunner.run("inspect");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("MODEL.pkl"), r.err());
    }
}
