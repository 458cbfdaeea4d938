package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.convpaint.features.WeightsLocator;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label files written by {@link FilePredictor}, self-contained (the test copies of small fixture files). */
class FilePredictorTest {
    @TempDir
    Path dir;

    private static Path testdata(String name) {
        return Path.of("src", "test", "resources", "testdata", name);
    }

    /**
     * Everything forced out of the heap (1-byte spill size: pixels read in bands, grid probabilities and labels in
     * scratch files, post-processing and writing band by band) writes the same file as a run in memory, and leaves
     * no scratch file behind.
     */
    @ParameterizedTest
    @CsvSource({"m03_gauss_ms_o1_norm1.pkl,2,SEMANTIC", "m03_gauss_ms_o1_norm1.pkl,1,INSTANCE",
        "m02_vgg16_gray3.pkl,2,INSTANCE", "m02_vgg16_gray3.pkl,1,SEMANTIC"})
    void filesWrittenFromScratchFilesEqualFilesWrittenFromMemory(String model, int downsample, OutputType type)
            throws Exception {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        double[][] planes = new double[2][];
        for (int spill = 0; spill < 2; spill++) {
            TileSettings tiles = new TileSettings(32, 0);
            StoragePolicy storage = new StoragePolicy(spill == 1 ? 1 : Long.MAX_VALUE, scratch);
            PredictionOptions o = new PredictionOptions(downsample, type, 1, false, true, 2, tiles, storage);
            WeightsLocator weights = new WeightsLocator(List.of(testdata("m02_vgg16_gray3_vgg16_features.pth")),
                    Map.of(), Path.of("/nonexistent-home"));
            Path out = dir.resolve("labels" + spill + ".tif");
            try (ImagePredictor p = ImagePredictor.open(testdata(model), weights, o, w -> { })) {
                new FilePredictor(p).predict(testdata("g_u8_61x77.tif"), out, null, null, null,
                        ProgressMonitor.NONE);
            }
            try (TiffReader r = TiffReader.open(out)) {
                planes[spill] = new double[r.width() * r.height()];
                r.readPlane(0, planes[spill]);
            }
            try (Stream<Path> left = Files.list(scratch)) {
                assertEquals(0, left.count(), "scratch files are deleted");
            }
        }
        assertArrayEquals(planes[0], planes[1]);
        assertTrue(java.util.Arrays.stream(planes[0]).distinct().count() > 1, "the image has more than one label");
    }
}
