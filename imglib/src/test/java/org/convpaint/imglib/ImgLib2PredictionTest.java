package org.convpaint.imglib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.features.WeightsLocator;
import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.tiff.TiffWriter;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.run.FilePredictor;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The engine through the adapter equals the engine on the file: the labels of an ImgLib2 image built from a TIFF's
 * pixels, in any dimension order, array or planar, at any interval minimum or as a view, are the labels the
 * command line's {@link FilePredictor} writes for the TIFF, pixel for pixel.
 */
class ImgLib2PredictionTest {
    private static final Path COINS = Path.of("..", "examples", "coins.tif");
    private static final Path COINS_MODEL = Path.of("..", "examples", "coins_gaussian.pkl");

    @TempDir
    static Path tmp;

    private static ImagePredictor semantic;
    private static ImagePredictor instance;
    private static TestImages.Pixels coins;
    private static Cli coinsSemantic;
    private static Cli coinsInstance;

    /** What the command line wrote: labels in its label image's C order, and how it read the input. */
    private record Cli(int[] labels, String axes, int[] labelShape) {
    }

    @BeforeAll
    static void predictTheFileAsTheCommandLineDoes() throws Exception {
        semantic = open(COINS_MODEL, OutputType.SEMANTIC, false);
        instance = open(COINS_MODEL, OutputType.INSTANCE, false);
        coinsSemantic = cli(semantic, COINS, null);
        coinsInstance = cli(instance, COINS, null);
        coins = TestImages.Pixels.read(COINS, coinsSemantic.axes());
        assertEquals("YX", coins.axes());
    }

    @AfterAll
    static void close() {
        semantic.close();
        instance.close();
    }

    private static ImagePredictor open(final Path model, final OutputType type, final boolean probabilities)
            throws Exception {
        return ImagePredictor.open(model, WeightsLocator.fromEnvironment(List.of()), PredictionOptions.builder()
                .threads(2).outputType(type).probabilities(probabilities).build(), w -> { });
    }

    private static Cli cli(final ImagePredictor p, final Path tif, final List<Integer> channels) throws Exception {
        final Path out = Files.createTempFile(tmp, "labels", ".tif");
        final FilePredictor.Result r = new FilePredictor(p).predict(tif, out, null, null, channels,
                ProgressMonitor.NONE);
        final String axes = r.axes();
        final int[] labelShape = new int[r.outputAxes().length()];
        for (int i = 0; i < labelShape.length; i++) {
            labelShape[i] = r.shape()[axes.indexOf(r.outputAxes().charAt(i))];
        }
        return new Cli(LabelImages.read(out), axes, labelShape);
    }

    /** Labels of {@code img} (dimensions {@code letters}) through the adapter, in the CLI label image's order. */
    private static int[] adapter(final ImagePredictor p, final RandomAccessibleInterval<? extends RealType<?>> img,
            final String letters, final List<Integer> channels, final Cli cli) throws Exception {
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(img, ImageAxis.ofLetters(letters));
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(source, false);
        p.predict(source, channels, collector, ProgressMonitor.NONE);
        final String outLetters = letters.replace("C", "");
        final String labelAxes = TestImages.engineAxes(outLetters);
        assertEquals(labelAxes.length(), cli.labelShape().length);
        return TestImages.engineOrder(collector.labelImage(), outLetters, labelAxes, cli.labelShape());
    }

    /** The coins as ImgLib2 images and views of several layouts. */
    private static RandomAccessibleInterval<? extends RealType<?>> coinsAs(final String layout) {
        return switch (layout) {
            case "XY array" -> TestImages.image(coins, "XY", false);
            case "XY planar" -> TestImages.image(coins, "XY", true);
            case "YX array" -> TestImages.image(coins, "YX", false);
            case "YX permuted view" -> Views.permute(TestImages.image(coins, "XY", false), 0, 1);
            case "XY translated" -> Views.translate(TestImages.image(coins, "XY", false), -20, 35);
            case "XY interval of a larger image" -> {
                final Img<? extends RealType<?>> img = TestImages.image(coins, "XY", false);
                final RandomAccessibleInterval<? extends RealType<?>> padded = Views.interval(
                        Views.extendMirrorSingle(Views.translate(img, 7, 3)), new long[] {0, 0},
                        new long[] {img.dimension(0) + 20, img.dimension(1) + 10});
                yield Views.interval(padded, new long[] {7, 3},
                        new long[] {img.dimension(0) + 6, img.dimension(1) + 2});
            }
            default -> throw new IllegalArgumentException(layout);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XY array", "XY planar", "YX array", "YX permuted view", "XY translated",
            "XY interval of a larger image"})
    void coinsThroughTheAdapterGiveTheCommandLinesSemanticLabels(final String layout) throws Exception {
        final String letters = layout.substring(0, 2);
        assertArrayEquals(coinsSemantic.labels(), adapter(semantic, coinsAs(layout), letters, null, coinsSemantic));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XY array", "YX permuted view", "XY translated"})
    void coinsThroughTheAdapterGiveTheCommandLinesInstanceLabels(final String layout) throws Exception {
        final String letters = layout.substring(0, 2);
        assertArrayEquals(coinsInstance.labels(), adapter(instance, coinsAs(layout), letters, null, coinsInstance));
    }

    @Test
    void theCoinsLabelsAreNotTrivial() {
        final long classes = java.util.Arrays.stream(coinsSemantic.labels()).distinct().count();
        final long instances = java.util.Arrays.stream(coinsInstance.labels()).distinct().count();
        assertTrue(classes >= 2, "background and at least one class: " + classes);
        assertTrue(instances > classes, "several coins: " + instances + " instance labels");
    }

    /**
     * Two timepoints (the coins, then the coins mirrored) of two channels (channel 1 is the coins, channel 0 their
     * negative), segmented on channel 1: each timepoint's labels land in its own planes.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XCYT array", "CTXY planar", "YXTC array"})
    void aTimeSeriesWithChannelsGivesTheCommandLinesLabelsPerTimepoint(final String layout) throws Exception {
        final Path tif = tmp.resolve("coins_tcyx.tif");
        if (!Files.exists(tif)) {
            writeCoinsTimeSeries(tif);
        }
        final Cli cli = cli(semantic, tif, List.of(1));
        assertEquals("TCYX", cli.axes());
        final TestImages.Pixels pixels = TestImages.Pixels.read(tif, cli.axes());
        final String letters = layout.substring(0, 4);
        final Img<? extends RealType<?>> img = TestImages.image(pixels, letters, layout.endsWith("planar"));
        assertArrayEquals(cli.labels(), adapter(semantic, img, letters, List.of(1), cli));
        final int plane = coins.size('Y') * coins.size('X');
        assertArrayEquals(coinsSemantic.labels(), java.util.Arrays.copyOf(cli.labels(), plane),
                "timepoint 0 is the coins");
    }

    private static void writeCoinsTimeSeries(final Path tif) throws Exception {
        final int h = coins.size('Y');
        final int w = coins.size('X');
        try (TiffWriter out = TiffWriter.create(tif, "TCYX", new long[] {2, 2, h, w}, PixelType.UINT8,
                Calibration.UNKNOWN)) {
            for (int t = 0; t < 2; t++) {
                for (int c = 0; c < 2; c++) {
                    final int[] plane = new int[h * w];
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            final int v = (int) coins.values()[y * w + (t == 0 ? x : w - 1 - x)];
                            plane[y * w + x] = c == 1 ? v : 255 - v;
                        }
                    }
                    out.writePlane(plane);
                }
            }
        }
    }

    @Test
    void probabilitiesThroughTheAdapterAreTheEnginesAsFloats() throws Exception {
        try (ImagePredictor p = open(COINS_MODEL, OutputType.SEMANTIC, true)) {
            final List<double[]> engine = new ArrayList<>();
            try (TiffImageSource file = TiffImageSource.of(TiffReader.open(COINS), COINS, "YX")) {
                p.predict(file, null, (t, labels, seg) -> engine.add(seg.probabilities().toArray().clone()),
                        ProgressMonitor.NONE);
            }
            final ImgLib2ImageSource source = ImgLib2ImageSource.of(Views.translate(TestImages.image(coins, "YX",
                    true), 4, 9), ImageAxis.ofLetters("YX"));
            final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(source, true);
            p.predict(source, null, collector, ProgressMonitor.NONE);
            final Img<FloatType> probabilities = collector.probabilities();
            final int h = coins.size('Y');
            final int w = coins.size('X');
            final long classes = probabilities.dimension(2);
            assertEquals(engine.get(0).length, classes * h * w, "dimensions Y, X, class");
            final Cursor<FloatType> c = probabilities.localizingCursor();
            while (c.hasNext()) {
                c.fwd();
                final int y = c.getIntPosition(0);
                final int x = c.getIntPosition(1);
                final int k = c.getIntPosition(2);
                assertEquals((float) engine.get(0)[(k * h + y) * w + x], c.get().get());
            }
        }
    }

    /** A fixture ZYX stack (uint16) with the 3-D Gaussian model, as XYZ, ZXY and translated YXZ images. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XYZ array", "ZXY planar", "YXZ translated"})
    void aZyxFixtureGivesTheCommandLinesLabels(final String layout) throws Exception {
        assertFixtureThroughTheAdapterEqualsTheCommandLine("m07_gauss_3d_norm3", "zyx_u16_12x96x96", layout, null);
    }

    /** A fixture TZYX series (uint16): every timepoint's 3-D labels, in three dimension orders. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XYZT array", "TXZY planar", "ZTYX translated"})
    void aTzyxFixtureGivesTheCommandLinesLabelsPerTimepoint(final String layout) throws Exception {
        assertFixtureThroughTheAdapterEqualsTheCommandLine("m07_gauss_3d_norm3", "tzyx_u16_3x8x64x64", layout, null);
    }

    /** A fixture two-channel image with a two-channel model: the channel axis anywhere. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XYC array", "CXY planar"})
    void aMultiChannelFixtureGivesTheCommandLinesLabels(final String layout) throws Exception {
        assertFixtureThroughTheAdapterEqualsTheCommandLine("m06_gauss_multi2", "multi2_u16_2x160x190", layout, null);
    }

    private static void assertFixtureThroughTheAdapterEqualsTheCommandLine(final String model, final String image,
            final String layout, final List<Integer> channels) throws Exception {
        final Path tif = Fixtures.file("images/" + image + ".tif");
        try (ImagePredictor p = open(Fixtures.file("models/" + model + ".pkl"), OutputType.SEMANTIC, false)) {
            final Cli cli = cli(p, tif, channels);
            final TestImages.Pixels pixels = TestImages.Pixels.read(tif, cli.axes());
            final String letters = layout.substring(0, layout.indexOf(' '));
            final Img<? extends RealType<?>> img = TestImages.image(pixels, letters, layout.endsWith("planar"));
            final RandomAccessibleInterval<? extends RealType<?>> view = layout.endsWith("translated")
                    ? Views.translate(img, offsets(letters.length())) : img;
            final int[] labels = adapter(p, view, letters, channels, cli);
            assertArrayEquals(cli.labels(), labels, model + " on " + image + " as " + layout);
            assertTrue(java.util.Arrays.stream(labels).distinct().count() >= 2, "labels are not blank");
        }
    }

    private static long[] offsets(final int n) {
        final long[] o = new long[n];
        for (int d = 0; d < n; d++) {
            o[d] = 3 - 5L * d;
        }
        return o;
    }
}
