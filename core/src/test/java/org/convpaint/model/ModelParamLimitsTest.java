package org.convpaint.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.convpaint.ConvpaintException;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models whose {@code Param} napari-convpaint would not accept, or which would fail on every image, are refused at
 * load with the field's name (issue item 7); hostile values give one short line (items 2 and 8).
 */
class ModelParamLimitsTest {
    @TempDir
    Path tmp;

    /** {@code {'param': Param(fe_name=..., **extra), 'classifier': None}}: loads up to the missing classifier. */
    private Path model(String feName, Consumer<PickleWriter> extraState) throws Exception {
        PickleWriter w = new PickleWriter().proto(4).emptyDict().str("param")
                .global("napari_convpaint.param", "Param").emptyTuple().newObj()
                .emptyDict().mark().str("fe_name").str(feName);
        extraState.accept(w);
        w.setItems().build().setItem().str("classifier").none().setItem().stop();
        Path f = tmp.resolve("m.pkl");
        Files.write(f, w.toBytes());
        return f;
    }

    private static String refusal(Path f) {
        ConvpaintException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConvpaintException.class, () -> ModelLoader.load(f)));
        String m = e.getMessage();
        assertTrue(m.length() < 400, "message of " + m.length() + " chars");
        assertTrue(m.chars().noneMatch(c -> c < 0x20 || c == 0x7f), m);
        return m;
    }

    private static void assertAcceptedUpToTheClassifier(String message) {
        assertTrue(message.contains("untrained"), message);
    }

    @Test
    void segSmootheningAbove20IsRefusedByName() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("seg_smoothening").integer(21)));
        assertTrue(m.contains("seg_smoothening 21") && m.contains("0..20"), m);
    }

    @Test
    void imageDownsampleOutsideMinus20To20IsRefusedByName() throws Exception {
        assertTrue(refusal(model("gaussian_features", w -> w.str("image_downsample").integer(21)))
                .contains("image_downsample 21"));
        assertTrue(refusal(model("gaussian_features", w -> w.str("image_downsample").integer(-21)))
                .contains("image_downsample -21"));
    }

    @Test
    void upscalingByTwentyAndSmootheningOfTwentyAreAccepted() throws Exception {
        assertAcceptedUpToTheClassifier(refusal(model("gaussian_features",
                w -> w.str("image_downsample").integer(-20).str("seg_smoothening").integer(20))));
    }

    @Test
    void scalingsOf65536AndIntMaxAreRefusedByName() throws Exception {
        for (int s : new int[] {65536, Integer.MAX_VALUE}) {
            String m = refusal(model("gaussian_features", w -> w.str("fe_scalings").emptyList().integer(s).append()));
            assertTrue(m.contains("fe_scalings entry " + s), m);
        }
    }

    @Test
    void aVgg16ScalingOf4096IsRefused() throws Exception {
        String m = refusal(model("vgg16", w -> w.str("fe_layers").emptyList().str("features.0").append()
                .str("fe_scalings").emptyList().integer(4096).append()));
        assertTrue(m.contains("fe_scalings entry 4096"), m);
    }

    @Test
    void scalingsWhoseCommonMultipleExceeds1024AreRefused() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("fe_scalings").emptyList().mark()
                .integer(1000).integer(999).appends()));
        assertTrue(m.contains("least common multiple"), m);
    }

    @Test
    void aLayerSelectedFiftyTimesIsRefused() throws Exception {
        String m = refusal(model("vgg16", w -> {
            w.str("fe_layers").emptyList().mark();
            for (int i = 0; i < 50; i++) {
                w.str("features.0");
            }
            w.appends();
        }));
        assertTrue(m.contains("fe_layers") && m.contains("more than once"), m);
    }

    @Test
    void aVgg16LayerThatIsNotAConvolutionIsRefused() throws Exception {
        String m = refusal(model("vgg16", w -> w.str("fe_layers").emptyList().str("features.99").append()));
        assertTrue(m.contains("'features.99' is not one of VGG16's convolution layers"), m);
    }

    @Test
    void cyclicFeLayersAreRefusedWithoutStackOverflow() throws Exception {
        String m = refusal(model("vgg16", w -> w.str("fe_layers").emptyList().memoize().get(0).append()));
        assertTrue(m.contains("contains itself"), m);
    }

    @Test
    void deeplyNestedFeScalingsAreRefusedWithoutStackOverflow() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("fe_scalings").repeat("(", 5000).emptyList()
                .repeat("l", 5000)));
        assertTrue(m.contains("nested more than 1000"), m);
    }

    @Test
    void aMegabyteIntegerInFeScalingsGivesAShortMessage() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("fe_scalings").emptyList().long4(1_000_000)
                .append()));
        assertTrue(m.contains("wider than"), m);
    }

    @Test
    void aMegabyteStringInFeScalingsIsQuotedAndCut() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("fe_scalings").emptyList()
                .longStr("\u001b[2J" + "9".repeat(1_000_000)).append()));
        assertTrue(m.contains("fe_scalings entry '\\u001b[2J999") && m.contains("…"), m);
    }

    @Test
    void anEscapeSequenceInChannelModeIsQuoted() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("channel_mode").str("rgb\nconvpaint: model OK")));
        assertTrue(m.contains("'rgb\\nconvpaint: model OK'"), m);
    }

    @Test
    void aNonIntegerOrderIsRefusedByName() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("fe_order").str("1")));
        assertTrue(m.contains("invalid fe_order '1'"), m);
    }

    @Test
    void anExtractorNameThatForgesOutputLinesIsRefused() throws Exception {
        String m = refusal(model("vgg16\nconvpaint: model OK, 3 classes\u001b[2J", w -> { }));
        assertTrue(m.contains("invalid fe_name 'vgg16\\nconvpaint: model OK, 3 classes\\u001b[2J'"), m);
    }

    @Test
    void aLayerNameWithControlCharactersIsRefused() throws Exception {
        String m = refusal(model("gaussian_features", w -> w.str("fe_layers").emptyList().str("layer\r\u001b[2K")
                .append()));
        assertTrue(m.contains("invalid fe_layers entry 'layer\\r\\u001b[2K'"), m);
    }
}
