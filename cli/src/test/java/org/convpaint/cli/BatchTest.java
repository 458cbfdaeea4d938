package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.tiff.TiffWriter;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch behaviour of {@code convpaint predict} on folders of real and broken files. */
class BatchTest {
    @TempDir
    Path tmp;


    private static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** A synthetic uint16 image with the given axes and shape, written by our writer. */
    private static Path synthetic(Path file, String axes, long... shape) throws Exception {
        try (TiffWriter w = TiffWriter.create(file, axes, shape, PixelType.UINT16, Calibration.UNKNOWN)) {
            int h = (int) shape[shape.length - 2];
            int wd = (int) shape[shape.length - 1];
            int planes = w.planeCount();
            for (int p = 0; p < planes; p++) {
                int[] plane = new int[h * wd];
                for (int i = 0; i < plane.length; i++) {
                    int y = i / wd;
                    int x = i % wd;
                    plane[i] = (int) (1000 + 600 * Math.sin((x + 3 * p) / 7.0) * Math.cos(y / 9.0));
                }
                w.writePlane(plane);
            }
        }
        return file;
    }

    @Test
    void folderWithMixedFilesProcessesTheGoodOnesAndAccountsForTheRest() throws Exception {
        Path root = Fixtures.root();
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String img : List.of("g_u8_301x257", "zyx_u16_12x96x96", "tyx_u16_100x64x64", "tzyx_u16_3x8x64x64",
                "rgb_u8_3x211x173")) {
            Files.copy(root.resolve("images/" + img + ".tif"), in.resolve(img + ".tif"));
        }
        Files.write(in.resolve("corrupt.tif"), new byte[] {'I', 'I', 42, 0, (byte) 200, 0, 0, 0});
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Files.copy(root.resolve("cases/m07_gauss_3d_norm3__zyx_u16_12x96x96__ds1/semantic_bg1.tif"),
                in.resolve("old_convpaint_labels.tif"));
        Map<String, String> before = digests(in);
        Path model = root.resolve("models/m07_gauss_3d_norm3.pkl");
        Path out = tmp.resolve("out");
        Path report = tmp.resolve("report.json");
        CliRunner r = CliRunner.run("predict", "-m", model.toString(), "--downsample", "1", "--channel", "0", "-o",
                out.toString(), "--report", report.toString(), "-v", in.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(before, digests(in), "inputs are never modified");
        assertEquals(Set.of("g_u8_301x257_convpaint_labels.tif", "zyx_u16_12x96x96_convpaint_labels.tif",
                "tyx_u16_100x64x64_convpaint_labels.tif", "tzyx_u16_3x8x64x64_convpaint_labels.tif",
                "rgb_u8_3x211x173_convpaint_labels.tif"), names(out), "no stray or partial files");
        assertTrue(r.err().contains("corrupt.tif: "), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("loaded model")).count(), "model loaded once");
        assertTrue(r.err().contains("5 processed, 0 skipped, 1 failed"), r.err());
        assertTrue(r.err().contains(in.resolve("tyx_u16_100x64x64.tif") + " -> "
                + out.resolve("tyx_u16_100x64x64_convpaint_labels.tif") + " (axes TYX"), r.err());

        // identical to the napari-convpaint references where they exist, and to single-file runs for all
        assertArrayEquals(
                LabelImages.read(root.resolve("cases/m07_gauss_3d_norm3__zyx_u16_12x96x96__ds1/semantic_bg1.tif")),
                LabelImages.read(out.resolve("zyx_u16_12x96x96_convpaint_labels.tif")));
        assertArrayEquals(
                LabelImages.read(root.resolve("cases/m07_gauss_3d_norm3__tzyx_u16_3x8x64x64__ds1/semantic_bg1.tif")),
                LabelImages.read(out.resolve("tzyx_u16_3x8x64x64_convpaint_labels.tif")));
        for (String name : List.of("g_u8_301x257", "tyx_u16_100x64x64", "rgb_u8_3x211x173")) {
            Path single = Files.createDirectories(tmp.resolve("single-" + name));
            assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "--downsample", "1", "--channel", "0",
                    "-o", single.toString(), in.resolve(name + ".tif").toString()).exit());
            assertArrayEquals(LabelImages.read(single.resolve(name + "_convpaint_labels.tif")),
                    LabelImages.read(out.resolve(name + "_convpaint_labels.tif")), name);
        }

        JsonObject rep = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals(5, rep.getAsJsonObject("summary").get("processed").getAsInt());
        assertEquals(1, rep.getAsJsonObject("summary").get("failed").getAsInt());
        Map<String, JsonObject> byInput = new HashMap<>();
        for (JsonElement e : rep.getAsJsonArray("files")) {
            JsonObject f = e.getAsJsonObject();
            byInput.put(Path.of(f.get("input").getAsString()).getFileName().toString(), f);
        }
        assertEquals("failed", byInput.get("corrupt.tif").get("status").getAsString());
        assertFalse(byInput.get("corrupt.tif").get("error").getAsString().isBlank());
        JsonObject tzyx = byInput.get("tzyx_u16_3x8x64x64.tif");
        assertEquals("done", tzyx.get("status").getAsString());
        assertEquals("TZYX", tzyx.get("axes").getAsString());
        assertEquals("[3,8,64,64]", tzyx.getAsJsonArray("shape").toString());
        assertTrue(tzyx.get("seconds").getAsDouble() > 0);
        assertEquals(3, tzyx.getAsJsonArray("timepointSeconds").size(), "one time per timepoint");
        double sum = 0;
        for (JsonElement t : tzyx.getAsJsonArray("timepointSeconds")) {
            sum += t.getAsDouble();
        }
        assertTrue(sum > 0 && sum <= tzyx.get("seconds").getAsDouble());
        assertFalse(byInput.containsKey("old_convpaint_labels.tif"), "outputs of this tool are not inputs");
        assertFalse(byInput.containsKey("notes.txt"));
    }

    @Test
    void timeSeriesEqualsPerTimepointRuns() throws Exception {
        Path root = Fixtures.root();
        Path model = root.resolve("models/m07_gauss_3d_norm3.pkl");
        Path tzyx = root.resolve("images/tzyx_u16_3x8x64x64.tif");
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "--downsample", "1", "-o", out.toString(),
                tzyx.toString()).exit());
        int[] all = LabelImages.read(out.resolve("tzyx_u16_3x8x64x64_convpaint_labels.tif"));
        int per = 8 * 64 * 64;
        try (TiffReader r = TiffReader.open(tzyx)) {
            double[] buf = new double[64 * 64];
            for (int t = 0; t < 3; t++) {
                Path one = tmp.resolve("t" + t + ".tif");
                try (TiffWriter w = TiffWriter.create(one, "ZYX", new long[] {8, 64, 64}, PixelType.UINT16,
                        Calibration.UNKNOWN)) {
                    for (int z = 0; z < 8; z++) {
                        r.readPlane(t * 8 + z, buf);
                        int[] plane = new int[buf.length];
                        for (int i = 0; i < plane.length; i++) {
                            plane[i] = (int) buf[i];
                        }
                        w.writePlane(plane);
                    }
                }
                Path o = tmp.resolve("o" + t);
                assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "--downsample", "1", "-o",
                        o.toString(), one.toString()).exit());
                int[] single = LabelImages.read(o.resolve("t" + t + "_convpaint_labels.tif"));
                assertArrayEquals(single, java.util.Arrays.copyOfRange(all, t * per, (t + 1) * per), "t=" + t);
            }
        }
    }

    @Test
    void shardsSplitTheSortedInputsDeterministicallyAndRerunsSkipDoneFiles() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 5; i++) {
            synthetic(in.resolve("img" + i + ".TIFF"), "YX", 40, 50);
        }
        Path model = TestModels.gaussian(tmp);
        Path out = tmp.resolve("out");
        List<Set<String>> parts = new ArrayList<>();
        for (int s = 1; s <= 2; s++) {
            CliRunner r = CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), "--shard",
                    s + "/2", "--report", tmp.resolve("r" + s + ".json").toString(), in.toString());
            assertEquals(0, r.exit(), r.err());
            JsonArray files = JsonParser.parseString(Files.readString(tmp.resolve("r" + s + ".json")))
                    .getAsJsonObject().getAsJsonArray("files");
            Set<String> names = new java.util.TreeSet<>();
            files.forEach(f -> names.add(Path.of(f.getAsJsonObject().get("input").getAsString()).getFileName()
                    .toString()));
            parts.add(names);
        }
        assertEquals(Set.of("img0.TIFF", "img2.TIFF", "img4.TIFF"), parts.get(0));
        assertEquals(Set.of("img1.TIFF", "img3.TIFF"), parts.get(1));
        assertEquals(5, names(out).size());
        CliRunner again = CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), in.toString());
        assertEquals(0, again.exit());
        assertTrue(again.err().contains("0 processed, 5 skipped, 0 failed"), again.err());
        CliRunner empty = CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), "--shard", "7/9",
                in.toString());
        assertEquals(0, empty.exit(), "an empty shard is not an error");
        assertEquals(2, CliRunner.run("predict", "-m", model.toString(), "--shard", "3/2", in.toString()).exit());
    }

    @Test
    void recursiveAndGlobSelectFilesInSubfolders() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path sub = Files.createDirectories(in.resolve("sub"));
        synthetic(in.resolve("a_ch1.tif"), "YX", 30, 30);
        synthetic(in.resolve("a_ch2.tif"), "YX", 30, 30);
        synthetic(sub.resolve("b_ch1.tif"), "YX", 30, 30);
        Path model = TestModels.gaussian(tmp);
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), "--glob", "*_ch1.tif",
                in.toString()).exit());
        assertEquals(Set.of("a_ch1_convpaint_labels.tif"), names(out));
        assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), "--glob", "*_ch1.tif",
                "--recursive", in.toString()).exit());
        assertEquals(Set.of("a_ch1_convpaint_labels.tif", "sub"), names(out), "outputs mirror the sub-folders");
        assertEquals(Set.of("b_ch1_convpaint_labels.tif"), names(out.resolve("sub")));
    }

    @Test
    void filesLinkedIntoAFolderAreProcessedAndBrokenLinksSkipped() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        synthetic(data.resolve("real.tif"), "YX", 30, 30);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("linked.tif"), data.resolve("real.tif"));
        Files.createSymbolicLink(in.resolve("gone.tif"), data.resolve("missing.tif"));
        Path model = TestModels.gaussian(tmp);
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), in.toString())
                .exit());
        assertEquals(Set.of("linked_convpaint_labels.tif"), names(out));
    }

    /** What {@code kill -9} leaves (a partial output, a scratch file) is removed by the next run on this host. */
    @Test
    void aRunRemovesTheTemporaryFilesOfAKilledRun() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        synthetic(in.resolve("a.tif"), "YX", 30, 30);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String owner = org.convpaint.scratch.TempFiles.owner();
        String dead = owner.substring(0, owner.lastIndexOf('-') + 1) + p.pid();
        Path part = Files.createFile(out.resolve(".a_convpaint_labels.tif." + dead + "-17f3a.part"));
        Path spill = Files.createFile(scratch.resolve(".a.tif." + dead + "-4711.scratch"));
        Path model = TestModels.gaussian(tmp);
        CliRunner r = CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), "--scratch",
                scratch.toString(), "-v", in.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(part) || Files.exists(spill), r.err());
        assertTrue(r.err().contains("removed 2 temporary files left by an interrupted run"), r.err());
        assertEquals(Set.of("a_convpaint_labels.tif"), names(out));
    }

    @Test
    void sameNamesInTwoSubfoldersGetTwoOutputsAndNeverReplaceEachOther() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        synthetic(Files.createDirectories(in.resolve("day1")).resolve("well.tif"), "YX", 30, 30);
        synthetic(Files.createDirectories(in.resolve("day2")).resolve("well.tif"), "YX", 31, 30);
        Path model = TestModels.gaussian(tmp);
        Path out = tmp.resolve("out");
        for (String mode : new String[] {"--cpu", "--overwrite"}) { // a fresh run, then one replacing outputs
            CliRunner r = CliRunner.run("predict", "-m", model.toString(), "-o", out.toString(), "--recursive",
                    mode, in.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("2 processed, 0 skipped, 0 failed"), r.err());
            assertEquals(Set.of("day1", "day2"), names(out));
            assertEquals(30, LabelImages.read(out.resolve("day1/well_convpaint_labels.tif")).length / 30);
            assertEquals(31, LabelImages.read(out.resolve("day2/well_convpaint_labels.tif")).length / 30);
        }
        // the same two files named one by one would write one output: refused before anything is computed
        Path flat = tmp.resolve("flat");
        CliRunner r = CliRunner.run("predict", "-m", model.toString(), "-o", flat.toString(),
                in.resolve("day1/well.tif").toString(), in.resolve("day2/well.tif").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("convpaint: inputs ") && r.err().contains("would both write"), r.err());
        assertFalse(Files.exists(flat), "nothing written");
    }

    @Test
    void calibrationAndAxesAreCarriedIntoTheOutput() throws Exception {
        Path img = tmp.resolve("cal.tif");
        try (TiffWriter w = TiffWriter.create(img, "TZYX", new long[] {2, 3, 30, 40}, PixelType.UINT8,
                new Calibration(0.65, 0.65, 2.0, 5.0, "µm", "s"))) {
            for (int p = 0; p < 6; p++) {
                int[] plane = new int[30 * 40];
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = (i * (p + 3)) % 251;
                }
                w.writePlane(plane);
            }
        }
        Path model = TestModels.gaussian(tmp);
        assertEquals(0, CliRunner.run("predict", "-m", model.toString(), "-o", tmp.toString(), img.toString())
                .exit());
        try (TiffReader r = TiffReader.open(tmp.resolve("cal_convpaint_labels.tif"))) {
            assertEquals("TZYX", r.axes());
            assertArrayEquals(new long[] {2, 3, 30, 40}, r.shape());
            assertEquals(0.65, r.calibration().pixelWidth(), 1e-9);
            assertEquals(2.0, r.calibration().voxelDepth(), 1e-9);
            assertEquals(5.0, r.calibration().timeInterval(), 1e-9);
        }
    }
}
