package org.convpaint.features.dino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;

import org.convpaint.features.FeatureMaps;
import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.Npy;
import org.convpaint.weights.Tensor;
import org.convpaint.weights.TorchWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DINOv3 on the fixtures' random timm weights against timm's own network evaluated in float64
 * ({@code src/test/resources/dino/make_dinov3_reference.py}), the rotary embedding against its formula, properties
 * and weight validation. Skipped without the fixtures.
 */
class Dinov3FeaturesTest {
    private static final Path DIR = Path.of("src/test/resources/dino");
    private static Map<String, Tensor> weights;
    private static Dinov3Features fe;

    @BeforeAll
    static void load() throws Exception {
        weights = TorchWeights.read(Fixtures.file("models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors"));
        fe = new Dinov3Features(weights, Device.cpu());
    }

    @AfterAll
    static void close() {
        if (fe != null) {
            fe.close();
        }
    }

    /** The script's input [3, 2, 48, 64] (channel-major as the pipeline hands it over). */
    private static ImageStack referenceInput() {
        int plane = 48 * 64;
        float[] zc = SyntheticDinov2.values(1000, 2 * 3 * plane, 0.0, 4.0); // [Z, 3, H, W]
        double[] d = new double[zc.length];
        for (int z = 0; z < 2; z++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    d[(c * 2 + z) * plane + i] = zc[(z * 3 + c) * plane + i];
                }
            }
        }
        return new ImageStack(3, 2, 48, 64, d, PixelType.FLOAT32);
    }

    /**
     * torch's own float32 evaluation is off the float64 truth by max 3.9e-6 / mean 3.6e-7 (printed by the script);
     * bounds max 3e-5 / mean 1.5e-6. Without the rotary embedding the features move by far more (checked: the
     * conformance cases' probabilities then differ by up to 6.6e-2).
     */
    @Test
    void forwardPassMatchesTimm() throws Exception {
        Npy expected = Npy.read(DIR.resolve("dinov3_fixture_features.npy"));
        List<FeatureMaps> out = fe.extract(referenceInput());
        assertEquals(1, out.size());
        FeatureMaps m = out.get(0);
        assertArrayEquals(new int[] {384, 2, 3, 4}, expected.shape);
        assertArrayEquals(expected.shape, new int[] {m.features(), m.depth(), m.height(), m.width()});
        double[] d = diff(m.floats(), expected.data);
        System.out.printf("[dinov3] fixture weights vs timm float64: max|d| = %.3g, mean|d| = %.3g%n", d[0], d[1]);
        assertTrue(d[0] < 3e-5, "max |diff| " + d[0]);
        assertTrue(d[1] < 1.5e-6, "mean |diff| " + d[1]);
    }

    /** Planes of a batch never interact; head-by-head attention (large images) equals batched attention. */
    @Test
    void planesAreIndependentAndAttentionPathsAgree() {
        ImageStack both = referenceInput();
        float[] batched = fe.extract(both).get(0).floats();
        int plane = 48 * 64;
        double[] second = new double[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(both.data(), both.planeOffset(c, 1), second, c * plane, plane);
        }
        float[] alone = fe.extract(new ImageStack(3, 1, 48, 64, second, PixelType.FLOAT32)).get(0).floats();
        double[] fromBatch = new double[384 * 12];
        for (int f = 0; f < 384; f++) {
            for (int i = 0; i < 12; i++) {
                fromBatch[f * 12 + i] = batched[(f * 2 + 1) * 12 + i];
            }
        }
        assertTrue(diff(alone, fromBatch)[0] < 1e-5);
        try (Dinov3Features perHead = new Dinov3Features(weights, Device.cpu())) {
            perHead.setAttentionBatchBytes(0);
            float[] split = perHead.extract(both).get(0).floats();
            double[] b = new double[batched.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = batched[i];
            }
            assertTrue(diff(split, b)[0] < 1e-5);
        }
    }

    /** Rows by token, [16 angles of y, 16 of x] twice; coordinates in (−1, 1) at token centres. */
    @Test
    void rotaryEmbeddingFollowsTimmsDinov3Layout() {
        float[][] one = Dinov3Features.rotaryEmbedding(1, 1);
        for (int j = 0; j < 64; j++) {
            assertEquals(0f, one[0][j]); // coordinates (0, 0)
            assertEquals(1f, one[1][j]);
        }
        float[][] col = Dinov3Features.rotaryEmbedding(2, 1); // token 0 at y = -0.5, x = 0
        double period5 = Math.pow(100, 5 / 16.0);
        for (int half = 0; half < 2; half++) {
            int o = half * 32;
            assertEquals(Math.sin(-Math.PI), col[0][o], 1e-6);
            assertEquals(-1f, col[1][o], 1e-6f);
            assertEquals(Math.sin(-Math.PI / period5), col[0][o + 5], 1e-6);
            assertEquals(0f, col[0][o + 16 + 5]); // the x half: angle 0
            assertEquals(1f, col[1][o + 16 + 5]);
        }
        float[][] row = Dinov3Features.rotaryEmbedding(1, 4); // token 3 at x = 0.75
        assertEquals(Math.cos(2 * Math.PI * 0.75 / period5), row[1][3 * 64 + 16 + 5], 1e-6);
        assertEquals(Math.sin(2 * Math.PI * 0.75 / period5), row[0][3 * 64 + 32 + 16 + 5], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Dinov3Features.rotaryEmbedding(0, 3));
    }

    @Test
    void propertiesAreConvpaints() {
        assertEquals("dinov3_small-plus", fe.name());
        assertEquals(0, fe.padding());
        assertEquals(16, fe.patchSize());
        assertEquals(3, fe.inputChannels());
        assertTrue(fe.rgbInput());
        assertEquals(NormMode.IMAGENET, fe.normMode());
        assertTrue(fe.patchedOutput());
        assertFalse(fe.torchOutput());
        assertEquals(384, fe.featuresPerSeries());
        assertFalse(fe.tileable(1, 1024, 1024, List.of(1)));
    }

    @Test
    void rejectsInputsItCannotTake() {
        assertThrows(IllegalArgumentException.class,
                () -> fe.extract(new ImageStack(1, 1, 32, 32, new double[32 * 32], PixelType.FLOAT32)));
        assertThrows(IllegalArgumentException.class,
                () -> fe.extract(new ImageStack(3, 1, 32, 28, new double[3 * 32 * 28], PixelType.FLOAT32)));
    }

    @Test
    void missingAndMisshapedTensorsAreNamed() {
        Map<String, Tensor> w = new HashMap<>(weights);
        w.remove("blocks.3.mlp.fc1_g.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dinov3Features(w, Device.cpu()));
        assertTrue(e.getMessage().startsWith("not DINOv3 ViT-S+/16 weights "
                + "(vit_small_plus_patch16_dinov3_lvd1689m.safetensors): no tensor 'blocks.3.mlp.fc1_g.bias'"),
                e.getMessage());
        Map<String, Tensor> w2 = new HashMap<>(weights);
        // ViT-S/16 (not "plus") has a 1536-wide plain MLP and no fc1_g; its reg_token has the same shape
        w2.put("blocks.0.mlp.fc2.weight", new Tensor("blocks.0.mlp.fc2.weight", new int[] {384, 1024},
                new float[384 * 1024]));
        e = assertThrows(IllegalArgumentException.class, () -> new Dinov3Features(w2, Device.cpu()));
        assertTrue(e.getMessage().contains("tensor 'blocks.0.mlp.fc2.weight' has shape [384, 1024], DINOv3 "
                + "ViT-S+/16 needs [384, 1536]"), e.getMessage());
    }

    @Test
    void otherNetworksFilesAreNamedWhenGivenAsDinov3Weights() throws Exception {
        Map<String, Tensor> dinov2 = TorchWeights.read(Fixtures.file("models/dinov2_vits14_reg_random.pth"));
        assertFalse(Dinov3StateDict.spec().matches(dinov2.keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dinov3StateDict.spec().validate(Map.of(), dinov2.keySet()));
        assertTrue(e.getMessage().contains("the file holds DINOv2 tensors"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dinov3StateDict.spec().validate(Map.of(), List.of("storage_tokens", "blocks.0.ls1.gamma")));
        assertTrue(e.getMessage().contains("Meta's original DINOv3 checkpoint"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dinov2StateDict.validate(Map.of(), weights.keySet()));
        assertTrue(e.getMessage().contains("the file holds timm DINOv3 tensors"), e.getMessage());
        assertTrue(Dinov3StateDict.spec().matches(weights.keySet()));
        assertEquals(186, Dinov3StateDict.spec().requiredNames().size());
    }

    private static double[] diff(float[] actual, double[] expected) {
        assertEquals(expected.length, actual.length);
        double max = 0;
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            max = Math.max(max, d);
            sum += d;
        }
        return new double[] {max, sum / actual.length};
    }
}
