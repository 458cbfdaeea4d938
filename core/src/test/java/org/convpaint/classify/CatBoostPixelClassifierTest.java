package org.convpaint.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;

import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.Test;

class CatBoostPixelClassifierTest {

    /** Raw scores of the lily model for constant inputs, from convpaint-spec §1.8 (independent CBM evaluator). */
    @Test
    void lilyRawScoresEqualTheSpecVectors() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(Fixtures.file("external/lily_VGG16.pkl"))) {
            CatBoostPixelClassifier cb = assertInstanceOf(CatBoostPixelClassifier.class, m.classifier());
            assertEquals(3, cb.dimension());
            float[] rows = new float[3 * 768];
            Arrays.fill(rows, 768, 2 * 768, 1f);
            Arrays.fill(rows, 2 * 768, 3 * 768, -1f);
            double[] raw = cb.rawScores(rows, 3);
            assertArrayEquals(new double[] {
                -0.518510846699857, 1.2894960360103491, -0.7709851893104911,
                -0.33505748106136574, 0.4955019099249046, -0.16044442886353916,
                -1.0007453290265336, 1.7398794801640196, -0.7391341511374865}, raw, 1e-12);
        }
    }

    @Test
    void lilyProbabilitiesAreTheSoftmaxOfRawScores() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(Fixtures.file("external/lily_VGG16.pkl"))) {
            double[] p = new double[3];
            m.classifier().predictProba(new float[768], 1, p);
            assertArrayEquals(new double[] {0.12698, 0.77437, 0.09865}, p, 5e-6);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-15);
        }
    }
}
