package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weights file that does not fit the model is reported in one line naming the file and what is wrong, with exit
 * code 1 and no output written; nothing is computed first.
 */
class BadWeightsTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path WEIGHTS = Path.of("..", "core", "src", "test", "resources", "weights");
    private static final Path VGG = Path.of("..", "core", "src", "test", "resources", "testdata",
            "m02_vgg16_gray3_vgg16_features.pth");

    @TempDir
    Path tmp;

    private CliRunner predict(Path model, Path... weights) throws Exception {
        List<String> args = new ArrayList<>(List.of("predict", "-m", model.toString(), "-o",
                Files.createDirectories(tmp.resolve("out")).toString()));
        for (Path w : weights) {
            args.add("--weights");
            args.add(w.toString());
        }
        args.add(EXAMPLES.resolve("coins.tif").toString());
        return CliRunner.runWithEnv(Map.of("TORCH_HOME", tmp.resolve("no-torch").toString()),
                args.toArray(String[]::new));
    }

    /**
     * Exit code 2 (the run stops before any input), exactly one line on stderr containing every fragment, no stack
     * trace, no output file.
     */
    private void assertOneLine(CliRunner r, String... fragments) throws Exception {
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "missing '" + f + "' in: " + r.err());
        }
        assertFalse(r.err().contains("Exception"), r.err());
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            assertEquals(0, s.count(), "no output is written");
        }
    }

    @Test
    void dinoWeightsWithWrongShapesNameTheTensorAndBothShapes() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "dinov2_small-reg"),
                WEIGHTS.resolve("dino_misshaped.pth"));
        assertOneLine(r, "dino_misshaped.pth", "tensor 'cls_token' has shape [2]", "[1, 1, 384]",
                "174 more");
    }

    @Test
    void dinoWeightsWithMissingKeysNameTheFirstMissingTensor() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "dinov2_small-reg"),
                WEIGHTS.resolve("dino_partial.pth"));
        assertOneLine(r, "dino_partial.pth", "no tensor 'pos_embed'", "171 more");
    }

    @Test
    void vggFileGivenForADinoModelIsRecognisedAsVgg() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "dinov2_small-reg"), VGG);
        assertOneLine(r, "m02_vgg16_gray3_vgg16_features.pth", "not DINOv2", "VGG16 tensors");
    }

    @Test
    void dinoFileGivenForAVggModelIsRefused() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "vgg16"), WEIGHTS.resolve("dino_partial.pth"));
        assertOneLine(r, "dino_partial.pth", "VGG16");
    }

    @Test
    void comboWithoutItsDinoFileSaysWhichFileIsMissing() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "combo_dino_vgg"), VGG);
        assertOneLine(r, "dinov2_vits14_reg4_pretrain.pth", "combo_dino_vgg", VGG.getFileName().toString());
    }

    @Test
    void aFileThatIsNoTorchFileIsOneLine() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "dinov2_small-reg"), EXAMPLES.resolve("coins.tif"));
        assertOneLine(r, "coins.tif");
    }

    @Test
    void aMissingWeightsFileIsOneLine() throws Exception {
        CliRunner r = predict(TestModels.withExtractor(tmp, "dinov2_small-reg"), tmp.resolve("nowhere.pth"));
        assertOneLine(r, "nowhere.pth", "does not exist");
    }
}
