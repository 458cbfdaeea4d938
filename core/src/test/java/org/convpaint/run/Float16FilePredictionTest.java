package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convpaint.features.WeightsLocator;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * float16 TIFFs end to end: the labels {@link FilePredictor} writes equal those of the real napari-convpaint's
 * {@code segment()} on the same files (src/test/resources/float16/README.md), whole-image and in 32-pixel tiles.
 */
class Float16FilePredictionTest {
    @TempDir
    Path dir;

    private static Path model(String name) {
        Path copy = Path.of("src", "test", "resources", "testdata", name + ".pkl");
        if (Files.exists(copy)) {
            return copy;
        }
        Path fixtures = Fixtures.rootOrNull();
        assumeTrue(fixtures != null, "needs the conformance fixtures for " + name);
        return fixtures.resolve("models").resolve(name + ".pkl");
    }

    @ParameterizedTest
    @CsvSource({"f16_yx_96x80,m01_gauss_gray3,1", "f16_yx_96x80_raw255,m01_gauss_gray3,1",
        "f16_yx_96x80,m07_gauss_3d_norm3,2", "f16_zyx_3x48x40,m07_gauss_3d_norm3,1",
        "f16_zyx_3x48x40,m01_gauss_gray3,2", "f16_yx_96x80_raw255,m03_gauss_ms_o1_norm1,1",
        "f16_zyx_3x48x40,m03_gauss_ms_o1_norm1,2"})
    void float16TiffGivesTheLabelsOfNapariConvpaint(String image, String model, int downsample) throws Exception {
        Path e2e = Path.of("src", "test", "resources", "float16", "e2e");
        Npy expected = Npy.read(e2e.resolve(image + "__" + model.substring(0, 3) + "__ds" + downsample
                + ".labels.npy"));
        for (int tile : new int[] {0, 32}) {
            TileSettings tiles = tile == 0 ? TileSettings.automatic() : new TileSettings(tile, 0);
            StoragePolicy storage = tile == 0 ? StoragePolicy.automatic()
                    : new StoragePolicy(Long.MAX_VALUE, Files.createTempDirectory(dir, "scratch"));
            PredictionOptions o = new PredictionOptions(downsample, OutputType.SEMANTIC, 0, false, true, 2, tiles,
                    storage);
            WeightsLocator weights = new WeightsLocator(List.of(), Map.of(), Path.of("/nonexistent-home"));
            Path out = dir.resolve("labels" + tile + ".tif");
            try (ImagePredictor p = ImagePredictor.open(model(model), weights, o, w -> { })) {
                new FilePredictor(p).predict(e2e.resolve(image + ".tif"), out, null, null, null,
                        ProgressMonitor.NONE);
            }
            double[] labels;
            try (TiffReader r = TiffReader.open(out)) {
                assertArrayEquals(java.util.Arrays.stream(expected.shape).asLongStream().toArray(), r.shape());
                int plane = r.width() * r.height();
                labels = new double[r.planeCount() * plane];
                double[] buf = new double[plane];
                for (int i = 0; i < r.planeCount(); i++) {
                    r.readPlane(i, buf);
                    System.arraycopy(buf, 0, labels, i * plane, plane);
                }
            }
            int differing = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != expected.data[i]) {
                    differing++;
                }
            }
            assertEquals(0, differing, image + " with " + model + ", tile " + tile + ": differing pixels");
        }
    }
}
