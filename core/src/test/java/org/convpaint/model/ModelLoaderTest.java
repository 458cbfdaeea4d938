package org.convpaint.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
    @TempDir
    Path tmp;

    static Path testdata(String name) {
        return Path.of("src", "test", "resources", "testdata", name);
    }

    @Test
    void bundledGaussianModelLoadsWithItsParameters() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(testdata("m03_gauss_ms_o1_norm1.pkl"))) {
            ConvpaintParams p = m.params();
            assertEquals("gaussian_features", p.featureExtractor());
            assertEquals(List.of(1, 2, 4), p.scalings());
            assertEquals(1, p.order());
            assertEquals(1, p.normalize());
            assertEquals(ChannelMode.SINGLE, p.channelMode());
            assertEquals("RandomForest", m.classifier().name());
            assertArrayEquals(new int[] {1, 2, 5}, m.classes());
            assertEquals(3, m.numFeatures());
            assertTrue(m.notes().isEmpty(), m.notes().toString());
        }
    }

    @Test
    void everyFixtureModelMatchesTheManifest() throws Exception {
        Path root = Fixtures.root();
        for (String name : Fixtures.modelNames()) {
            JsonObject entry = Fixtures.model(name);
            JsonObject param = entry.getAsJsonObject("param");
            try (ConvpaintModel m = ModelLoader.load(root.resolve(entry.getAsJsonObject("files")
                    .getAsJsonObject("pkl").get("path").getAsString()))) {
                ConvpaintParams p = m.params();
                assertEquals(param.get("fe_name").getAsString(), p.featureExtractor(), name);
                assertEquals(param.get("channel_mode").getAsString(), p.channelMode().pythonName(), name);
                assertEquals(param.get("normalize").getAsInt(), p.normalize(), name);
                assertEquals(param.get("image_downsample").getAsInt(), p.imageDownsample(), name);
                assertEquals(param.get("seg_smoothening").getAsInt(), p.segSmoothening(), name);
                assertEquals(param.get("fe_order").getAsInt(), p.order(), name);
                assertEquals(param.get("fe_use_min_features").getAsBoolean(), p.useMinFeatures(), name);
                List<Integer> scalings = new ArrayList<>();
                param.getAsJsonArray("fe_scalings").forEach(e -> scalings.add(e.getAsInt()));
                assertEquals(scalings, p.scalings(), name);
                List<String> layers = new ArrayList<>();
                if (param.get("fe_layers").isJsonArray()) {
                    for (JsonElement e : param.getAsJsonArray("fe_layers")) {
                        layers.add(e.getAsString().split(" ")[0]);
                    }
                }
                assertEquals(layers, p.layers(), name);
                assertArrayEquals(Fixtures.ints(entry.getAsJsonObject("classifier").getAsJsonArray("classes")),
                        m.classes(), name);
                assertEquals(entry.get("num_features").getAsInt(), m.numFeatures(), name);
                assertEquals("RandomForest", m.classifier().name(), name);
            }
        }
    }

    @Test
    void lilyIsAMultiChannelCatBoostModelWith768Features() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(Fixtures.file("external/lily_VGG16.pkl"))) {
            assertEquals(ChannelMode.MULTI, m.params().channelMode());
            assertEquals(768, m.numFeatures());
            assertEquals("CatBoost", m.classifier().name());
            assertArrayEquals(new int[] {1, 2, 3}, m.classes());
            assertEquals(List.of("features.0"), m.params().layers());
            assertEquals(List.of(WeightsFile.VGG16), m.params().weightsFiles());
            assertTrue(m.notes().stream().anyMatch(n -> n.contains("multi_channel_img")), m.notes().toString());
        }
    }

    @Test
    void aPickledPlainDictIsNotAModel() throws Exception {
        Path f = write("plain.pkl", new PickleWriter().proto(4).emptyDict().str("weights").integer(3).setItem()
                .stop().toBytes());
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains("not a napari-convpaint model"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ": "), "names the file by its path: " + e.getMessage());
    }

    @Test
    void aPickledListIsNotAModel() throws Exception {
        Path f = write("list.pkl", new PickleWriter().proto(4).emptyList().stop().toBytes());
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains("pickled list"), e.getMessage());
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws Exception {
        Path f = write("empty.pkl", new byte[0]);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aTruncatedModelIsReportedAsTruncated() throws Exception {
        byte[] full = Files.readAllBytes(testdata("m03_gauss_ms_o1_norm1.pkl"));
        Path f = write("cut.pkl", java.util.Arrays.copyOf(full, full.length / 2));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aMissingFileIsReportedAsMissing() {
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> ModelLoader.load(tmp.resolve("nope.pkl")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aYamlParameterFileIsExplained() throws Exception {
        Path f = write("m.yml", "classifier: null\nfe_name: vgg16\n".getBytes());
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains(".yml"), e.getMessage());
    }

    @Test
    void aModelReferencingAForeignClassIsUnsupported() throws Exception {
        Path f = write("evil.pkl", new PickleWriter().proto(4).emptyDict().str("param").str("os").str("system")
                .stackGlobal().str("id").tuple1().reduce().setItem().stop().toBytes());
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains("os.system") && e.getMessage().contains("evil.pkl"), e.getMessage());
    }

    @Test
    void anUntrainedModelIsExplained() throws Exception {
        Path f = write("untrained.pkl", new PickleWriter().proto(4).emptyDict().mark()
                .str("classifier").none()
                .str("param").str("napari_convpaint.param").str("Param").stackGlobal().emptyTuple().newObj()
                .emptyDict().str("fe_name").str("vgg16").setItem().build()
                .setItems().stop().toBytes());
        ConvpaintException e = assertThrows(InvalidModelException.class, () -> ModelLoader.load(f));
        assertTrue(e.getMessage().contains("untrained"), e.getMessage());
    }

    private Path write(String name, byte[] content) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }
}
