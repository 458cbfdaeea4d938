package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convpaint.testing.Fixtures;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DINOv3 models from the command line as a napari-convpaint user runs them: the weights found where convpaint
 * downloaded them (the torch hub cache), or given with {@code --weights} among other files; labels equal to
 * napari-convpaint's; a missing or wrong weights file named in one line. Skipped without the fixtures.
 */
class Dinov3CommandTest {
    private static final String WEIGHTS = "vit_small_plus_patch16_dinov3_lvd1689m.safetensors";
    private static final String CASE = "cases/m16_dinov3_gray3__g_u8_301x257__ds1/";

    @TempDir
    Path tmp;

    private Path fixtureWeights() {
        return Fixtures.file("models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors");
    }

    @Test
    void weightsInTheTorchHubCacheAreFoundAndLabelsEqualConvpaints() throws Exception {
        Path root = Fixtures.root();
        Path hub = Files.createDirectories(tmp.resolve("torch/hub/checkpoints"));
        Files.createSymbolicLink(hub.resolve(WEIGHTS), fixtureWeights().toAbsolutePath());
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.runWithEnv(Map.of("TORCH_HOME", tmp.resolve("torch").toString()), "predict", "-m",
                root.resolve("models/m16_dinov3_gray3.pkl").toString(), "--downsample", "1", "--background-label",
                "0", "-o", out.toString(), root.resolve("images/g_u8_301x257.tif").toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(LabelImages.read(root.resolve(CASE + "semantic_bg0.tif")),
                LabelImages.read(out.resolve("g_u8_301x257_convpaint_labels.tif")));
    }

    @Test
    void givenAmongOtherWeightsTheDinov3FileIsPickedByItsTensors() throws Exception {
        Path root = Fixtures.root();
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.runWithEnv(Map.of("TORCH_HOME", tmp.resolve("no-torch").toString()), "predict",
                "-m", root.resolve("models/m16_dinov3_gray3.pkl").toString(), "--downsample", "1",
                "--background-label", "1", "--output-type", "instance",
                "--weights", root.resolve("models/dinov2_vits14_reg_random.pth").toString(),
                "--weights", fixtureWeights().toString(), "-o", out.toString(),
                root.resolve("images/g_u8_301x257.tif").toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(LabelImages.read(root.resolve(CASE + "instance_bg1.tif")),
                LabelImages.read(out.resolve("g_u8_301x257_convpaint_labels.tif")));
    }

    @Test
    void missingWeightsNameTheFileTheUrlAndTheNameToSaveItUnder() throws Exception {
        // the older extractor name of convpaint's first DINOv3 version is read as dinov3_small-plus
        Path model = TestModels.withExtractor(tmp, "dinov3_vits16plus");
        CliRunner r = CliRunner.runWithEnv(Map.of("TORCH_HOME", tmp.resolve("no-torch").toString()), "predict",
                "-m", model.toString(), "-o", tmp.toString(), Path.of("..", "examples", "coins.tif").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("convpaint: warning: feature extractor 'dinov3_vits16plus' (an older napari-convpaint "
                + "name) is read as 'dinov3_small-plus'"), r.err().lines().filter(l -> l.contains("warning")).toList());
        assertEquals(2, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("dinov3_small-plus feature extractor needs the weights file " + WEIGHTS),
                r.err());
        assertTrue(r.err().contains("https://huggingface.co/timm/vit_small_plus_patch16_dinov3.lvd1689m/resolve/main/"
                + "model.safetensors, saved as " + WEIGHTS), r.err());
    }

    @Test
    void aDinov2FileGivenForADinov3ModelIsNamedAsSuch() throws Exception {
        Path root = Fixtures.root();
        Path model = TestModels.withExtractor(tmp, "dinov3_small-plus");
        Path dinov2 = root.resolve("models/dinov2_vits14_reg_random.pth");
        CliRunner r = CliRunner.runWithEnv(Map.of("TORCH_HOME", tmp.resolve("no-torch").toString()), "predict",
                "-m", model.toString(), "--weights", dinov2.toString(), "-o", tmp.resolve("out").toString(),
                Path.of("..", "examples", "coins.tif").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("dinov2_vits14_reg_random.pth") && r.err().contains("not DINOv3 ViT-S+/16")
                && r.err().contains("the file holds DINOv2 tensors"), r.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("coins_convpaint_labels.tif")));
    }
}
