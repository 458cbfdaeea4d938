package org.convpaint.classify.catboost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.convpaint.classify.CatBoostPixelClassifier;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.features.WeightsLocator;
import org.convpaint.image.ImageStack;
import org.convpaint.image.SourceStack;
import org.convpaint.image.PixelType;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.model.ModelLoader;
import org.convpaint.pipeline.FeaturePyramid;
import org.convpaint.pipeline.FeatureStack;
import org.convpaint.pipeline.Normalization;
import org.convpaint.pipeline.PaddedView;
import org.convpaint.pipeline.Padding;
import org.convpaint.pipeline.WholeImage;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Real feature rows: every pixel of a 4-channel image through lily's feature pipeline (VGG16 features.0 with the
 * fixtures' VGG16 weights, scalings 1, 2, 4), then lily's raw values from the pure-Java evaluator and from
 * CatBoost's native library, which must agree to ≤ 1e-12.
 */
class CatBoostLilyPipelineOracleTest {
    @Test
    void everyPixelOfAFourChannelImageGetsCatBoostsRawValues() throws Exception {
        Path weights = Fixtures.file("models/m02_vgg16_gray3_vgg16_features.pth");
        int h = 48;
        int w = 56;
        double[] pixels = new double[4 * h * w];
        Random r = new Random(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2000 + 800 * Math.sin(i / (13.0 + i / (h * w))) + r.nextInt(200);
        }
        ImageStack in = new ImageStack(4, 1, h, w, pixels, PixelType.UINT16);
        try (ConvpaintModel m = ModelLoader.load(Lily.file());
                FeatureExtractor fx = FeatureExtractors.create(m, new WeightsLocator(List.of(weights), Map.of(),
                        Path.of("/none")), true, s -> { })) {
            ConvpaintParams p = m.params();
            SourceStack src = SourceStack.of(in);
            Padding.Amounts pad = Padding.amounts(fx.padding(), fx.patchSize(), p.scalings(), h, w);
            PaddedView view = new PaddedView(src, Normalization.of(src, p.normalize(), fx.normMode(),
                    p.channelMode()), 1, pad);
            FeatureStack fs = FeaturePyramid.extract(WholeImage.of(view), fx, p.scalings(), p.order(),
                    p.useMinFeatures(), p.channelMode(), false, ProgressMonitor.NONE);
            assertEquals(768, fs.features());
            int n = fs.pixels();
            float[][] rows = new float[n][768];
            float[] flat = new float[n * 768];
            for (int f = 0; f < 768; f++) {
                for (int px = 0; px < n; px++) {
                    rows[px][f] = fs.data()[f * n + px];
                    flat[px * 768 + f] = rows[px][f];
                }
            }
            byte[] cbm = Lily.cbm();
            double[] expected = NativeOracle.raw(cbm, rows);
            double[] actual = CatBoostPixelClassifier.fromCbm(cbm, 768, Lily.file()).rawScores(flat, n);
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - actual[i]));
            }
            System.out.println("[catboost-oracle] lily pipeline features: " + n + " pixels, max |raw difference| "
                    + max);
            assertEquals(0.0, max, 1e-12);
        }
    }
}
