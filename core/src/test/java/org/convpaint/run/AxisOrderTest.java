package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidInputException;
import org.convpaint.features.WeightsLocator;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.model.ChannelMode;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label and probability files of inputs whose axes are not in T-outermost order, and of files without axis
 * metadata (see src/test/resources/tiff/make_axes_tiffs.py): the data in an output must be in the order its axes
 * say, whatever reader opens it.
 */
class AxisOrderTest {
    private static final int PLANE = 40 * 48;

    @TempDir
    static Path dir;
    private static ImagePredictor predictor;

    @BeforeAll
    static void open() throws Exception {
        PredictionOptions o = new PredictionOptions(1, OutputType.INSTANCE, 1, true, true, 2,
                TileSettings.automatic(), StoragePolicy.automatic());
        predictor = ImagePredictor.open(testdata("m03_gauss_ms_o1_norm1.pkl"),
                new WeightsLocator(List.of(), Map.of(), Path.of("/nonexistent-home")), o, w -> { });
    }

    @org.junit.jupiter.api.AfterAll
    static void close() throws Exception {
        predictor.close();
    }

    private static Path testdata(String name) {
        return Path.of("src", "test", "resources", "testdata", name);
    }

    private static Path tiff(String name) {
        return Path.of("src", "test", "resources", "tiff", name);
    }

    private record Written(String axes, long[] shape, double[] labels, double[] probabilities) {
    }

    private static Written predict(String input, String axes, List<Integer> channels) throws Exception {
        Path labels = dir.resolve(input + "." + axes + ".labels.tif");
        Path probs = dir.resolve(input + "." + axes + ".probs.tif");
        new FilePredictor(predictor).predict(tiff(input), labels, probs, axes, channels, ProgressMonitor.NONE);
        try (TiffReader l = TiffReader.open(labels); TiffReader p = TiffReader.open(probs)) {
            assertEquals("C" + l.axes(), p.axes(), "probabilities: class axis first, then the label axes");
            return new Written(l.axes(), l.shape(), all(l), all(p));
        }
    }

    private static double[] all(TiffReader r) throws Exception {
        int plane = r.width() * r.height();
        double[] out = new double[r.planeCount() * plane];
        double[] buf = new double[plane];
        for (int i = 0; i < r.planeCount(); i++) {
            r.readPlane(i, buf);
            System.arraycopy(buf, 0, out, i * plane, plane);
        }
        return out;
    }

    /** Swaps the two leading axes of [K?, A, B, Y, X] planes: each of the {@code groups} holds a × b planes. */
    private static double[] swapLeading(double[] v, int groups, int a, int b) {
        double[] out = new double[v.length];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    System.arraycopy(v, ((g * a + i) * b + j) * PLANE, out, ((g * b + j) * a + i) * PLANE, PLANE);
                }
            }
        }
        return out;
    }

    @Test
    void labelsOfAZtyxInputAreWrittenInZtyxOrder() throws Exception {
        Written tzyx = predict("ome_tzyx.tif", null, null);
        Written ztyx = predict("ome_ztyx.tif", null, null);
        assertEquals("TZYX", tzyx.axes());
        assertEquals("ZTYX", ztyx.axes());
        assertArrayEquals(new long[] {3, 2, 40, 48}, ztyx.shape());
        assertArrayEquals(swapLeading(tzyx.labels(), 1, 2, 3), ztyx.labels());
        assertArrayEquals(swapLeading(tzyx.probabilities(), 3, 2, 3), ztyx.probabilities());
        assertTrue(java.util.Arrays.stream(tzyx.labels()).distinct().count() > 3, "more than one instance");
    }

    @Test
    void labelsKeptInScratchFilesAreWrittenInZtyxOrderToo() throws Exception {
        Path scratch = java.nio.file.Files.createDirectories(dir.resolve("scratch"));
        PredictionOptions o = new PredictionOptions(1, OutputType.INSTANCE, 1, false, true, 2,
                new TileSettings(32, 0), new StoragePolicy(1, scratch));
        Path out = dir.resolve("ztyx-spilled.tif");
        try (ImagePredictor p = ImagePredictor.open(testdata("m03_gauss_ms_o1_norm1.pkl"),
                new WeightsLocator(List.of(), Map.of(), Path.of("/nonexistent-home")), o, w -> { })) {
            new FilePredictor(p).predict(tiff("ome_ztyx.tif"), out, null, null, null, ProgressMonitor.NONE);
        }
        try (TiffReader r = TiffReader.open(out);
                java.util.stream.Stream<Path> left = java.nio.file.Files.list(scratch)) {
            assertArrayEquals(predict("ome_ztyx.tif", null, null).labels(), all(r));
            assertEquals(0, left.count(), "scratch files are deleted");
        }
    }

    @Test
    void aChannelOfACztyxInputGivesTheLabelsOfThatChannelInZtyxOrder() throws Exception {
        Written ztyx = predict("ome_ztyx.tif", null, null);
        Written cztyx = predict("ome_cztyx.tif", null, List.of(0));
        assertEquals("ZTYX", cztyx.axes());
        assertArrayEquals(ztyx.labels(), cztyx.labels());
        assertArrayEquals(ztyx.probabilities(), cztyx.probabilities());
    }

    @Test
    void aBareTifffileShapeIsSegmentedAsTheArrayTifffileReturns() throws Exception {
        // {"shape": [2, 3, 40, 48]}: tmidas' rule on that array gives TZYX, 2 timepoints of 3 planes
        Written bare = predict("shape_only_4d.tif", null, null);
        Written tzyx = predict("ome_tzyx.tif", null, null);
        assertEquals("TZYX", bare.axes());
        assertArrayEquals(tzyx.labels(), bare.labels());
        // the user may say the same, or reshape the 6 planes differently
        assertArrayEquals(tzyx.labels(), predict("shape_only_4d.tif", "TZYX", null).labels());
        assertArrayEquals(tzyx.labels(), predict("shape_only_4d.tif", "T2ZYX", null).labels());
        assertArrayEquals(tzyx.labels(), predict("shape_only_4d_planar.tif", null, null).labels());
        Written ztyx = predict("shape_only_4d.tif", "Z3T2YX", null);
        assertEquals("ZTYX", ztyx.axes());
        assertArrayEquals(new long[] {3, 2, 40, 48}, ztyx.shape());
    }

    @Test
    void anRgbFileGivenToASingleChannelModelIsRefusedWithTheChannelHint() {
        for (String name : new String[] {"rgb_nometa.tif", "rgb_imagemagick.tif"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> predict(name, null, null));
            assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("--channel N"),
                    e.getMessage());
        }
    }

    @Test
    void anRgbaFileGivenToAnRgbModelNamesThreeChannelsInItsHint() throws Exception {
        try (TiffImageSource rgba = TiffImageSource.of(TiffReader.open(tiff("rgba_nometa.tif")), null, "CYX")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new TimepointReader(rgba, null, ChannelMode.RGB, 3));
            assertTrue(e.getMessage().contains("has 4") && e.getMessage().contains("--channels 0,1,2"),
                    e.getMessage());
        }
    }
}
