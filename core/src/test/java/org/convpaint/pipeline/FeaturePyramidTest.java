package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.WeightsLocator;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.image.ImageStack;
import org.convpaint.image.SourceStack;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.model.ModelLoader;
import org.junit.jupiter.api.Test;

class FeaturePyramidTest {
    private static final Path DATA = Path.of("src/test/resources/testdata");

    /** The padded, normalised feature input of the bundled 61×77 image for {@code model}'s extractor. */
    private static ImageStack input(ConvpaintModel model, FeatureExtractor fx) throws Exception {
        ConvpaintParams p = model.params();
        ImageStack in = StageDumpTest.readImage(DATA.resolve("g_u8_61x77.tif"));
        SourceStack src = SourceStack.of(in);
        int[] down = PaddedView.downsampledSize(in.height(), in.width(), 1);
        Padding.Amounts pad = Padding.amounts(fx.padding(), fx.patchSize(), p.scalings(), down[0], down[1]);
        return WholeImage.of(new PaddedView(src, Normalization.of(src, p.normalize(), fx.normMode(),
                p.channelMode()), 1, pad));
    }

    private static void assertHelperGivesTheSameStack(String model, List<Path> weights) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        WeightsLocator locator = new WeightsLocator(weights, Map.of(), Path.of("/none"));
        try (ConvpaintModel m = ModelLoader.load(DATA.resolve(model));
                FeatureExtractor first = FeatureExtractors.create(m, locator, true, w -> { });
                FeatureExtractor second = FeatureExtractors.create(m, locator, true, w -> { })) {
            ConvpaintParams p = m.params();
            assertTrue(p.scalings().size() > 1, "a model with several scalings");
            ImageStack padded = input(m, first);
            int[] whole = {padded.depth(), padded.height(), padded.width()};
            FeatureStack alone = FeaturePyramid.extract(padded, first, p.scalings(), p.order(), p.useMinFeatures(),
                    p.channelMode(), false, null, whole, null, null, ProgressMonitor.NONE);
            // a buffer holding another image's features: every value must be overwritten
            float[] stale = new float[alone.data().length + 17];
            java.util.Arrays.fill(stale, Float.NaN);
            FeatureStack helped = FeaturePyramid.extract(padded, first, p.scalings(), p.order(), p.useMinFeatures(),
                    p.channelMode(), false, null, whole, stale, new FeaturePyramid.Helper(second, pool),
                    ProgressMonitor.NONE);
            assertEquals(alone.features(), helped.features());
            int n = alone.data().length;
            assertArrayEquals(alone.data(), java.util.Arrays.copyOf(helped.data(), n));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scalingsOnAHelperGiveTheSameGaussianStack() throws Exception {
        assertHelperGivesTheSameStack("m03_gauss_ms_o1_norm1.pkl", List.of());
    }

    @Test
    void scalingsOnAHelperGiveTheSameVgg16Stack() throws Exception {
        assertHelperGivesTheSameStack("m02_vgg16_gray3.pkl", List.of(DATA.resolve("m02_vgg16_gray3_vgg16_features.pth")));
    }

    @Test
    void aFailingHelperFailsTheExtractionAfterItHasStopped() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        WeightsLocator locator = new WeightsLocator(List.of(), Map.of(), Path.of("/none"));
        try (ConvpaintModel m = ModelLoader.load(DATA.resolve("m03_gauss_ms_o1_norm1.pkl"));
                FeatureExtractor first = FeatureExtractors.create(m, locator, true, w -> { })) {
            ConvpaintParams p = m.params();
            ImageStack padded = input(m, first);
            int[] whole = {padded.depth(), padded.height(), padded.width()};
            FeatureExtractor broken = (FeatureExtractor) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {FeatureExtractor.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("extract")) {
                            throw new IllegalStateException("helper failed");
                        }
                        return method.invoke(first, args);
                    });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FeaturePyramid.extract(padded,
                    first, p.scalings(), p.order(), p.useMinFeatures(), p.channelMode(), false, null, whole, null,
                    new FeaturePyramid.Helper(broken, pool), ProgressMonitor.NONE));
            assertEquals("helper failed", e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }
}
