package org.convpaint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.convpaint.features.WeightsLocator;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.TiffPlanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on {@code local[2]} with small blocks (so components, smoothing windows and restoration rows cross
 * many blocks and bands) writes exactly the labels the one-machine engine gives, for 2-D, ZYX and TZYX inputs,
 * semantic and instance.
 */
class SparkPredictTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    /** The one-machine labels of all timepoints, in order. */
    static int[] oneMachine(Path model, Path image, String axes, int downsample, OutputType type,
            int background) throws Exception {
        return oneMachine(model, null, image, axes, downsample, type, background);
    }

    private static int[] oneMachine(Path model, Path weights, Path image, String axes, int downsample,
            OutputType type, int background) throws Exception {
        PredictionOptions o = PredictionOptions.builder().imageDownsample(downsample).outputType(type)
                .backgroundLabel(background).forceCpu(true).threads(2).build();
        List<int[]> frames = new ArrayList<>();
        try (ImagePredictor p = ImagePredictor.open(model, new WeightsLocator(
                weights == null ? List.of() : List.of(weights), Map.of(), Path.of("/none")), o, w -> { });
                TiffImageSource src = TiffImageSource.of(TiffReader.open(image), null, axes)) {
            p.predict(src, null, (t, labels, seg) -> frames.add(labels.toArray().clone()), ProgressMonitor.NONE);
        }
        return frames.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    /** The labels of the label image {@code store} (its array {@code 0}), in C order. */
    static int[] written(Path store) throws Exception {
        ZarrArray a = ZarrArray.open(store.resolve("0"), 0);
        long[] shape = a.shape();
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        double[] d = new double[n];
        int[] size = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            size[i] = (int) shape[i];
        }
        a.read(new long[shape.length], size, d);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) (long) d[i];
        }
        return out;
    }

    private void check(Path model, Path image, String axes, int downsample, String type, int block,
            int background) throws Exception {
        check(model, null, image, false, axes, downsample, type, block, background);
    }

    /** A TIFF's pixels as a plain Zarr array of its shape (zstd, chunks of 32 rows and columns). */
    private Path asZarr(Path tiff) throws Exception {
        Path store = dir.resolve(tiff.getFileName() + ".zarr");
        if (Files.exists(store)) {
            return store;
        }
        try (TiffReader r = TiffReader.open(tiff)) {
            long[] shape = r.shape();
            double[] all = TiffPlanes.all(r);
            int[] chunks = new int[shape.length];
            int[] size = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                chunks[i] = i < shape.length - 2 ? 1 : 32;
                size[i] = (int) shape[i];
            }
            ZarrArrayWriter.create(store, new ZarrArraySpec(ZarrFormat.V2, shape, chunks, r.pixelType(),
                    ZarrCompressor.zstd(3), 0, "/")).write(new long[shape.length], size, all);
        }
        return store;
    }

    /** Runs the job on {@code image} (or its copy as a Zarr array) and compares with the one-machine labels. */
    private void check(Path model, Path weights, Path image, boolean asZarr, String axes, int downsample,
            String type, int block, int background) throws Exception {
        Path input = asZarr ? asZarr(image) : image;
        Path out = dir.resolve(image.getFileName() + "-" + type + "-ds" + downsample + "-b" + background
                + (asZarr ? "-zarr" : "") + ".ome.zarr");
        List<String> args = new ArrayList<>(List.of(input.toString(), "-m", model.toString(), "-o", out.toString(),
                "--master", "local[2]", "--downsample", String.valueOf(downsample), "--output-type", type, "--block",
                String.valueOf(block), "--cpu", "--background-label", String.valueOf(background), "--axes", axes));
        if (weights != null) {
            args.addAll(List.of("--weights", weights.toString()));
        }
        assertEquals(0, Main.run(args.toArray(new String[0])), "exit code");
        int[] expected = oneMachine(model, weights, image, axes, downsample,
                OutputType.valueOf(type.toUpperCase()), background);
        assertTrue(java.util.Arrays.stream(expected).distinct().count() > 2, "the image has several labels");
        assertArrayEquals(expected, written(out), image.getFileName() + " " + type + " ds" + downsample);
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary folder left");
        }
        assertFalse(Files.exists(out.resolve(".work")), "the job's work stores are gone");
    }

    @Test
    void twoDimensionalSemanticAndInstanceLabelsEqualOneMachine() throws Exception {
        Path model = EXAMPLES.resolve("coins_gaussian.pkl");
        Path image = EXAMPLES.resolve("coins.tif");
        check(model, image, "YX", 2, "semantic", 32, 1);
        check(model, image, "YX", 2, "instance", 32, 1);
        check(model, image, "YX", 1, "instance", 48, 1);
    }

    @Test
    void stacksAndTimeSeriesEqualOneMachine() throws Exception {
        Path root = Fixtures.root();
        Path model = root.resolve("models/m07_gauss_3d_norm3.pkl");
        check(model, null, root.resolve("images/zyx_u16_12x96x96.tif"), true, "ZYX", 2, "instance", 16, 0);
        check(model, null, root.resolve("images/zyx_u16_12x96x96.tif"), true, "ZYX", 1, "semantic", 32, 2);
        check(model, null, root.resolve("images/tzyx_u16_3x8x64x64.tif"), true, "TZYX", 4, "instance", 16, 0);
    }

    @Test
    void dinov2PlanesEqualOneMachine() throws Exception {
        Path root = Fixtures.root();
        Path model = root.resolve("models/m12_dinov2_gray3.pkl");
        Path weights = root.resolve("models/dinov2_vits14_reg_random.pth");
        check(model, weights, root.resolve("images/g_u16_301x257.tif"), false, "YX", 2, "instance", 28, 1);
        check(model, weights, root.resolve("images/zyx_u16_12x96x96.tif"), true, "ZYX", 1, "semantic", 28, 0);
    }

    @Test
    void vgg16BlocksEqualOneMachine() throws Exception {
        Path root = Fixtures.root();
        Path image = root.resolve("images/g_u16_301x257.tif");
        check(root.resolve("models/m02_vgg16_gray3.pkl"), root.resolve("models/m02_vgg16_gray3_vgg16_features.pth"),
                image, false, "YX", 1, "instance", 64, 1);
    }

    @Test
    void tasksRetriedAfterFailingLeaveTheSameLabels() throws Exception {
        Path model = EXAMPLES.resolve("coins_gaussian.pkl").toAbsolutePath();
        Path image = EXAMPLES.resolve("coins.tif").toAbsolutePath();
        Path out = dir.resolve("retried.ome.zarr");
        JobSettings s = new JobSettings(model.toString(), List.of(), 2, true, 1, null, "YX", 0, true, 32,
                image.toString(), out.toString(), null, false);
        SparkConf conf = new SparkConf().setMaster("local[2,2]").setAppName("retries")
                .set("spark.ui.enabled", "false");
        int[] failed = {0};
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, "true");
            sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
                    if (!e.taskInfo().successful()) {
                        synchronized (failed) {
                            failed[0]++;
                        }
                    }
                }
            });
            new BlockwiseJob(sc, s, System.err).run();
        }
        assertTrue(failed[0] > 10, failed[0] + " attempts failed");
        assertArrayEquals(oneMachine(model, image, "YX", 2, OutputType.INSTANCE, 1), written(out));
    }

    @Test
    void probabilitiesEqualTheOneMachineOnesInFloat32() throws Exception {
        Path model = EXAMPLES.resolve("coins_gaussian.pkl");
        Path image = EXAMPLES.resolve("coins.tif");
        for (int ds : new int[] {1, 2}) {
            Path folder = Files.createDirectories(dir.resolve("p" + ds));
            Path out = folder.resolve("labels.ome.zarr");
            assertEquals(0, Main.run(image.toString(), "-m", model.toString(), "-o", out.toString(), "--master",
                    "local[2]", "--block", "32", "--downsample", String.valueOf(ds), "--probabilities"));
            PredictionOptions o = PredictionOptions.builder().imageDownsample(ds).probabilities(true)
                    .forceCpu(true).build();
            double[][] expected = new double[1][];
            try (ImagePredictor p = ImagePredictor.open(model, new WeightsLocator(List.of(), Map.of(),
                    Path.of("/none")), o, w -> { });
                    TiffImageSource src = TiffImageSource.of(TiffReader.open(image), null, "YX")) {
                p.predict(src, null, (t, labels, seg) -> expected[0] = seg.probabilities().toArray().clone(),
                        ProgressMonitor.NONE);
            }
            ZarrArray a = ZarrArray.open(folder.resolve("coins_convpaint_probabilities.ome.zarr").resolve("0"), 0);
            long[] shape = a.shape();
            double[] got = new double[expected[0].length];
            a.read(new long[3], new int[] {(int) shape[0], (int) shape[1], (int) shape[2]}, got);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToIntBits((float) expected[0][i]), Float.floatToIntBits((float) got[i]),
                        "ds " + ds + ", value " + i);
            }
            assertArrayEquals(oneMachine(model, image, "YX", ds, OutputType.SEMANTIC, 1), written(out));
        }
    }

    @Test
    void aPlainZarrArrayInputGivesTheLabelsOfItsTiff() throws Exception {
        Path image = EXAMPLES.resolve("coins.tif");
        Path store = dir.resolve("coins.zarr");
        try (TiffReader r = TiffReader.open(image)) {
            double[] plane = new double[r.width() * r.height()];
            r.readPlane(0, plane);
            ZarrArrayWriter.create(store, new ZarrArraySpec(ZarrFormat.V2, new long[] {r.height(), r.width()},
                    new int[] {r.height(), r.width()}, r.pixelType(), ZarrCompressor.zstd(3), 0, "."))
                    .write(new long[2], new int[] {r.height(), r.width()}, plane);
        }
        Path out = dir.resolve("from-zarr.ome.zarr");
        Path model = EXAMPLES.resolve("coins_gaussian.pkl");
        assertEquals(0, Main.run(store.toString(), "-m", model.toString(), "-o", out.toString(), "--master",
                "local[2]", "--block", "40", "--output-type", "instance"));
        assertArrayEquals(oneMachine(model, image, "YX", 2, OutputType.INSTANCE, 1), written(out));
    }

    @Test
    void theDefaultBlockAndTheReport() throws Exception {
        Path out = dir.resolve("auto.ome.zarr");
        Path report = dir.resolve("report.json");
        Path model = EXAMPLES.resolve("coins_gaussian.pkl");
        Path image = EXAMPLES.resolve("coins.tif");
        assertEquals(0, Main.run(image.toString(), "-m", model.toString(), "-o", out.toString(), "--master",
                "local[2]", "--report", report.toString()));
        assertArrayEquals(oneMachine(model, image, "YX", 2, OutputType.SEMANTIC, 1), written(out));
        com.google.gson.JsonObject j = com.google.gson.JsonParser.parseString(Files.readString(report))
                .getAsJsonObject();
        assertEquals("ok", j.get("status").getAsString());
        assertEquals("YX", j.get("axes").getAsString());
        assertTrue(j.get("block").getAsInt() >= 64, j.toString());
        assertTrue(j.get("tasks").getAsInt() > 0, j.toString());
        assertEquals(0, j.get("failedAttempts").getAsInt());

        Path failed = dir.resolve("failed.json");
        assertEquals(1, Main.run(dir.resolve("missing.tif").toString(), "-m", model.toString(), "-o",
                dir.resolve("none.ome.zarr").toString(), "--master", "local[2]", "--report", failed.toString()));
        com.google.gson.JsonObject f = com.google.gson.JsonParser.parseString(Files.readString(failed))
                .getAsJsonObject();
        assertEquals("failed", f.get("status").getAsString());
        assertTrue(f.get("error").getAsString().contains("missing.tif"), f.toString());
        assertFalse(Files.exists(dir.resolve("none.ome.zarr")));
    }

    @Test
    void labelsWrittenIntoAnOmeZarrInputLeaveItsImageUntouched() throws Exception {
        Path image = EXAMPLES.resolve("coins.tif");
        Path store = Files.createDirectories(dir.resolve("coins.ome.zarr"));
        Files.writeString(store.resolve(".zgroup"), "{\"zarr_format\": 2}");
        Files.writeString(store.resolve(".zattrs"), "{\"multiscales\": [{\"version\": \"0.4\", \"axes\": ["
                + "{\"name\": \"y\", \"type\": \"space\"}, {\"name\": \"x\", \"type\": \"space\"}], "
                + "\"datasets\": [{\"path\": \"0\", \"coordinateTransformations\": [{\"type\": \"scale\", "
                + "\"scale\": [1.0, 1.0]}]}]}]}");
        try (TiffReader r = TiffReader.open(image)) {
            double[] plane = new double[r.width() * r.height()];
            r.readPlane(0, plane);
            ZarrArrayWriter.create(store.resolve("0"), new ZarrArraySpec(ZarrFormat.V2, new long[] {r.height(),
                    r.width()}, new int[] {64, 64}, r.pixelType(), ZarrCompressor.zstd(3), 0, "/"))
                    .write(new long[2], new int[] {r.height(), r.width()}, plane);
        }
        Map<Path, byte[]> before = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(store.resolve("0"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                before.put(f, Files.readAllBytes(f));
            }
        }
        Path model = EXAMPLES.resolve("coins_gaussian.pkl");
        assertEquals(0, Main.run(store.toString(), "-m", model.toString(), "--into-input", "--master", "local[2]",
                "--block", "40", "--output-type", "instance"));
        assertArrayEquals(oneMachine(model, image, "YX", 2, OutputType.INSTANCE, 1),
                written(store.resolve("labels").resolve("convpaint")));
        assertTrue(Files.readString(store.resolve("labels").resolve(".zattrs")).contains("convpaint"));
        assertTrue(Files.readString(store.resolve("labels").resolve("convpaint").resolve(".zattrs"))
                .contains("../../"));
        try (Stream<Path> files = Files.walk(store.resolve("0"))) {
            List<Path> after = files.filter(Files::isRegularFile).toList();
            assertEquals(before.keySet(), new java.util.TreeSet<>(after));
            for (Path f : after) {
                assertArrayEquals(before.get(f), Files.readAllBytes(f), f + " is untouched");
            }
        }
        assertEquals(2, Main.run(image.toString(), "-m", model.toString(), "--into-input"), "a TIFF is refused");
    }

    @Test
    void anExistingOutputIsKeptUnlessOverwriteIsGiven() throws Exception {
        Path out = dir.resolve("kept.ome.zarr");
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "keep");
        int code = Main.run(EXAMPLES.resolve("coins.tif").toString(), "-m",
                EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o", out.toString(), "--master", "local[2]");
        assertEquals(1, code);
        assertTrue(Files.exists(out.resolve("mine.txt")));
    }
}
