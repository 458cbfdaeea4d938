package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.classify.PixelClassifier;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.features.WeightsLocator;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePredictorTest {
    @TempDir
    Path dir;

    /** The loaded forest, remembering what it is told to expect. */
    private static final class Expecting implements PixelClassifier {
        final PixelClassifier forest;
        final List<Long> expected = new ArrayList<>();

        Expecting(PixelClassifier forest) {
            this.forest = forest;
        }

        @Override
        public String name() {
            return forest.name();
        }

        @Override
        public int numFeatures() {
            return forest.numFeatures();
        }

        @Override
        public int[] classes() {
            return forest.classes();
        }

        @Override
        public void predictProba(float[] features, int rows, double[] out) {
            forest.predictProba(features, rows, out);
        }

        @Override
        public void expect(long pixels) {
            expected.add(pixels);
        }

        @Override
        public void close() {
            forest.close();
        }
    }

    @Test
    void imagesAnnouncedUpFrontReachTheClassifierAsPixelsOnce() throws Exception {
        Path testdata = Path.of("src", "test", "resources", "testdata");
        ConvpaintModel loaded = ModelLoader.load(testdata.resolve("m03_gauss_ms_o1_norm1.pkl"));
        Expecting clf = new Expecting(loaded.classifier());
        ConvpaintModel model = new ConvpaintModel(loaded.source(), loaded.params(), clf, loaded.numFeatures(),
                loaded.notes());
        PredictionOptions o = new PredictionOptions(2, OutputType.SEMANTIC, 1, false, true, 1,
                TileSettings.automatic(), StoragePolicy.automatic());
        List<FeatureExtractor> fes = FeatureExtractors.createAll(model, new WeightsLocator(List.of(), java.util.Map
                .of(), Path.of("/nonexistent-home")), true, w -> { }, 1);
        try (ImagePredictor p = new ImagePredictor(model, fes, o)) {
            p.expectImages(40);
            FilePredictor files = new FilePredictor(p);
            // g_u8_61x77: 61 × 77 at downsample 2 gives a grid of 31 × 39 pixels
            files.predict(testdata.resolve("g_u8_61x77.tif"), dir.resolve("a.tif"), null, null, null,
                    ProgressMonitor.NONE);
            files.predict(testdata.resolve("g_u8_61x77.tif"), dir.resolve("b.tif"), null, null, null,
                    ProgressMonitor.NONE);
            assertEquals(List.of(40L * 31 * 39), clf.expected);
            // a count that would overflow is told as the most there can be
            p.expectImages(Long.MAX_VALUE / 2);
            files.predict(testdata.resolve("g_u8_61x77.tif"), dir.resolve("c.tif"), null, null, null,
                    ProgressMonitor.NONE);
            assertEquals(List.of(40L * 31 * 39, Long.MAX_VALUE), clf.expected);
        }
    }
}
