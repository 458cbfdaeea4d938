package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonParser;

import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convpaint predict} on OME-Zarr stores: formats, levels, labels into the input, folders, failures. */
class ZarrPredictTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String MODEL = EXAMPLES.resolve("coins_gaussian.pkl").toString();

    @TempDir
    Path tmp;

    /** The labels of coins.tif as the TIFF path writes them. */
    private int[] tiffLabels;

    @BeforeEach
    void tiffReference() throws Exception {
        Path ref = Files.createDirectories(tmp.resolve("ref"));
        CliRunner r = CliRunner.run("predict", "-q", "-m", MODEL, "-o", ref.toString(),
                EXAMPLES.resolve("coins.tif").toString());
        assertEquals(0, r.exit(), r.err());
        tiffLabels = LabelImages.read(ref.resolve("coins_convpaint_labels.tif"));
    }

    /** coins.tif as an OME-Zarr image: level 0 as is, level 1 its every other pixel; chunks 100 × 64. */
    private Path coinsStore(Path store, ZarrFormat format) throws Exception {
        double[] plane;
        int h;
        int w;
        try (TiffReader t = TiffReader.open(EXAMPLES.resolve("coins.tif"))) {
            h = t.height();
            w = t.width();
            plane = new double[h * w];
            t.readPlane(0, plane);
        }
        String ms = "[{\"axes\": [{\"name\": \"y\", \"type\": \"space\", \"unit\": \"micrometer\"},"
                + "{\"name\": \"x\", \"type\": \"space\", \"unit\": \"micrometer\"}], \"datasets\": ["
                + "{\"path\": \"0\", \"coordinateTransformations\": [{\"type\": \"scale\", \"scale\": [0.5, 0.5]}]},"
                + "{\"path\": \"1\", \"coordinateTransformations\": [{\"type\": \"scale\", \"scale\": [1, 1]}]}]}]";
        String attrs = format == ZarrFormat.V2 ? "{\"multiscales\": " + ms + "}"
                : "{\"ome\": {\"version\": \"0.5\", \"multiscales\": " + ms + "}}";
        ZarrGroups.createGroup(store, format, JsonParser.parseString(attrs).getAsJsonObject());
        ZarrArrayWriter.create(store.resolve("0"), new ZarrArraySpec(format, new long[] {h, w}, new int[] {100, 64},
                PixelType.UINT8, ZarrCompressor.bloscZstd(5), 0, "/")).write(new long[2], new int[] {h, w}, plane);
        int h1 = (h + 1) / 2;
        int w1 = (w + 1) / 2;
        double[] half = new double[h1 * w1];
        for (int y = 0; y < h1; y++) {
            for (int x = 0; x < w1; x++) {
                half[y * w1 + x] = plane[2 * y * w + 2 * x];
            }
        }
        ZarrArrayWriter.create(store.resolve("1"), new ZarrArraySpec(format, new long[] {h1, w1},
                new int[] {100, 64}, PixelType.UINT8, ZarrCompressor.zstd(3), 0, "/"))
                .write(new long[2], new int[] {h1, w1}, half);
        return store;
    }

    private static int[] labels(Path array) throws Exception {
        ZarrArray a = ZarrArray.open(array, 0);
        long[] s = a.shape();
        int[] size = Arrays.stream(s).mapToInt(v -> (int) v).toArray();
        double[] v = new double[Arrays.stream(size).reduce(1, (x, y) -> x * y)];
        a.read(new long[s.length], size, v);
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void zarrInputGivesZarrLabelsEqualToTheTiffOnes() throws Exception {
        for (ZarrFormat f : ZarrFormat.values()) {
            Path dir = Files.createDirectories(tmp.resolve(f.name()));
            Path store = coinsStore(dir.resolve("coins.ome.zarr"), f);
            CliRunner r = CliRunner.run("predict", "-m", MODEL, store.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("axes YX from metadata"), r.err());
            Path out = dir.resolve("coins_convpaint_labels.ome.zarr");
            assertArrayEquals(tiffLabels, labels(out.resolve("0")));
            assertEquals(ZarrFormat.V2, ZarrArray.open(out.resolve("0"), 0).format(), "outputs are NGFF 0.4");
            assertEquals(Set.of("coins.ome.zarr", "coins_convpaint_labels.ome.zarr"), names(dir));
        }
    }

    @Test
    void formatChoosesTheOutputWhateverTheInput() throws Exception {
        Path store = coinsStore(tmp.resolve("coins.ome.zarr"), ZarrFormat.V2);
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.run("predict", "-q", "-m", MODEL, "--format", "tiff", "-o", out.toString(),
                store.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(tiffLabels, LabelImages.read(out.resolve("coins_convpaint_labels.tif")));
        try (TiffReader t = TiffReader.open(out.resolve("coins_convpaint_labels.tif"))) {
            assertEquals(0.5, t.calibration().pixelWidth(), 1e-9, "the level's scale is the TIFF's pixel size");
        }
        r = CliRunner.run("predict", "-q", "-m", MODEL, "--format", "zarr", "--probabilities", "-o", out.toString(),
                EXAMPLES.resolve("coins.tif").toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(tiffLabels, labels(out.resolve("coins_convpaint_labels.ome.zarr/0")));
        assertEquals(3, ZarrArray.open(out.resolve("coins_convpaint_probabilities.ome.zarr/0"), 0).shape()[0]);
        assertEquals(2, CliRunner.run("predict", "-m", MODEL, "--format", "png", store.toString()).exit());
    }

    @Test
    void labelsGoIntoTheInputStoreWithoutTouchingTheImage() throws Exception {
        Path store = coinsStore(tmp.resolve("coins.ome.zarr"), ZarrFormat.V3);
        String before = Files.readString(store.resolve("zarr.json"));
        CliRunner r = CliRunner.run("predict", "-q", "-m", MODEL, "--into-input", "--no-separate", store.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(tiffLabels, labels(store.resolve("labels/convpaint/0")));
        assertEquals(before, Files.readString(store.resolve("zarr.json")));
        assertEquals(Set.of("coins.ome.zarr"), names(tmp).stream().filter(n -> !n.equals("ref"))
                .collect(Collectors.toSet()), "no separate output");
        CliRunner again = CliRunner.run("predict", "-m", MODEL, "--into-input", "--no-separate", store.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("output exists, skipped"), again.err());
        CliRunner tiff = CliRunner.run("predict", "-m", MODEL, "--into-input", "-o", tmp.resolve("o").toString(),
                EXAMPLES.resolve("coins.tif").toString());
        assertEquals(1, tiff.exit(), tiff.err());
        assertTrue(tiff.err().contains("coins.tif: labels can be written into OME-Zarr inputs only"), tiff.err());
        assertFalse(Files.exists(tmp.resolve("o/coins_convpaint_labels.tif")), "nothing half-written");
        CliRunner only = CliRunner.run("predict", "-m", MODEL, "--into-input", "--no-separate", "--probabilities",
                "-o", tmp.resolve("o").toString(), EXAMPLES.resolve("coins.tif").toString());
        assertEquals(1, only.exit(), only.err());
        assertTrue(only.err().contains("coins.tif: labels can be written into OME-Zarr inputs only"), only.err());
        assertEquals(2, CliRunner.run("predict", "-m", MODEL, "--no-separate", store.toString()).exit());
    }

    @Test
    void levelSelectsTheResolution() throws Exception {
        Path store = coinsStore(tmp.resolve("coins.ome.zarr"), ZarrFormat.V2);
        CliRunner r = CliRunner.run("predict", "-q", "-m", MODEL, "--level", "1", store.toString());
        assertEquals(0, r.exit(), r.err());
        ZarrArray out = ZarrArray.open(tmp.resolve("coins_convpaint_labels.ome.zarr/0"), 0);
        assertArrayEquals(new long[] {151, 129}, out.shape());
        assertTrue(Files.readString(tmp.resolve("coins_convpaint_labels.ome.zarr/.zattrs"))
                .replaceAll("\\s", "").contains("\"scale\":[1.0,1.0]"));
        CliRunner bad = CliRunner.run("predict", "-m", MODEL, "--level", "2", "--overwrite", store.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("coins.ome.zarr: resolution level 2 does not exist; the image has 2 (0..1)"),
                bad.err());
    }

    @Test
    void foldersHoldStoresBesideTiffsAndOutputsAreNotInputs() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        coinsStore(in.resolve("a.ome.zarr"), ZarrFormat.V2);
        Files.createDirectories(in.resolve("sub"));
        coinsStore(in.resolve("sub/b.zarr"), ZarrFormat.V3);
        Files.copy(EXAMPLES.resolve("coins.tif"), in.resolve("c.tif"));
        Files.createDirectories(in.resolve("notzarr.zarr"));
        CliRunner r = CliRunner.run("predict", "-m", MODEL, "-r", in.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("3 processed, 0 skipped, 0 failed"), r.err());
        assertEquals(Set.of("a.ome.zarr", "a_convpaint_labels.ome.zarr", "sub", "c.tif", "c_convpaint_labels.tif",
                "notzarr.zarr"), names(in));
        assertArrayEquals(tiffLabels, labels(in.resolve("sub/b_convpaint_labels.ome.zarr/0")));
        CliRunner again = CliRunner.run("predict", "-m", MODEL, "-r", in.toString());
        assertTrue(again.err().contains("0 processed, 3 skipped, 0 failed"), again.err());
    }

    @Test
    void aDamagedChunkIsOneLineAndLeavesNoOutput() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Path bad = coinsStore(dir.resolve("bad.ome.zarr"), ZarrFormat.V2);
        Path chunk = bad.resolve("0/1/2");
        byte[] bytes = Files.readAllBytes(chunk);
        Files.write(chunk, Arrays.copyOf(bytes, bytes.length / 2));
        coinsStore(dir.resolve("good.ome.zarr"), ZarrFormat.V2);
        CliRunner r = CliRunner.run("predict", "-m", MODEL, dir.toString());
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("convpaint: ") && l.contains("bad.ome.zarr"))
                .toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("convpaint: " + bad + ": 0/1/2: damaged chunk"), lines.get(0));
        assertEquals(Set.of("bad.ome.zarr", "good.ome.zarr", "good_convpaint_labels.ome.zarr"), names(dir));
    }

    @Test
    void pythonsZarrReadsTheLabelStoreAsTheTiffLabels() throws Exception {
        boolean available;
        try {
            available = new ProcessBuilder("/usr/bin/python3", "-c", "import zarr, tifffile").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            available = false;
        }
        if (!available) {
            System.err.println("ZarrPredictTest: /usr/bin/python3 with zarr and tifffile not found "
                    + "(apt-get install python3-zarr python3-tifffile): Python interop check SKIPPED");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available, "python3-zarr and python3-tifffile are not installed");
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("predict", "-q", "-m", MODEL, "--format", "zarr", "--probabilities", "-o",
                out.toString(), EXAMPLES.resolve("coins.tif").toString()).exit());
        assertEquals(0, CliRunner.run("predict", "-q", "-m", MODEL, "-o", out.toString(),
                EXAMPLES.resolve("coins.tif").toString()).exit());
        Path script = tmp.resolve("check_ngff_labels.py");
        try (var in = getClass().getResourceAsStream("/zarr/check_ngff_labels.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(),
                out.resolve("coins_convpaint_labels.ome.zarr").toString(),
                out.resolve("coins_convpaint_labels.tif").toString(),
                out.resolve("coins_convpaint_probabilities.ome.zarr").toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        assertTrue(text.startsWith("OK (301, 257)"), text);
    }
}
