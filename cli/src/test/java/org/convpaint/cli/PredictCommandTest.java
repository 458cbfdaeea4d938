package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.tiff.TiffWriter;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path tmp;


    private long filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void exampleModelWritesUint32LabelsWithTheInputShape() throws Exception {
        CliRunner r = CliRunner.run("predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o",
                tmp.toString(), EXAMPLES.resolve("coins.tif").toString());
        assertEquals(0, r.exit(), r.err());
        Path out = tmp.resolve("coins_convpaint_labels.tif");
        try (TiffReader t = TiffReader.open(out)) {
            assertEquals(PixelType.UINT32, t.pixelType());
            assertEquals("YX", t.axes());
            assertArrayEquals(new long[] {301, 257}, t.shape());
        }
        int[] l = LabelImages.read(out);
        assertTrue(java.util.Arrays.stream(l).allMatch(v -> v == 0 || v == 2 || v == 3), "background 1 removed");
        assertEquals(1, filesIn(tmp), "no temporary files left");
    }

    @Test
    void exampleOutputEqualsNapariTmidasWithItsDefaults() throws Exception {
        Path ref = Fixtures.file("cases/m01_gauss_gray3__g_u8_301x257__ds2/semantic_bg1.tif");
        CliRunner r = CliRunner.run("predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o",
                tmp.toString(), EXAMPLES.resolve("coins.tif").toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(LabelImages.read(ref), LabelImages.read(tmp.resolve("coins_convpaint_labels.tif")));
    }

    @Test
    void instanceOutputAndProbabilitiesMatchTheReference() throws Exception {
        Path root = Fixtures.root();
        CliRunner r = CliRunner.run("predict", "-m", root.resolve("models/m07_gauss_3d_norm3.pkl").toString(),
                "--downsample", "1", "--output-type", "instance", "--background-label", "2", "--probabilities",
                "-o", tmp.toString(), root.resolve("images/tzyx_u16_3x8x64x64.tif").toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(
                LabelImages.read(root.resolve("cases/m07_gauss_3d_norm3__tzyx_u16_3x8x64x64__ds1/instance_bg2.tif")),
                LabelImages.read(tmp.resolve("tzyx_u16_3x8x64x64_convpaint_labels.tif")));
        try (TiffReader p = TiffReader.open(tmp.resolve("tzyx_u16_3x8x64x64_convpaint_probabilities.tif"))) {
            assertEquals(PixelType.FLOAT32, p.pixelType());
            assertArrayEquals(new long[] {3, 3, 8, 64, 64}, p.shape(), "classes first, then T, Z, Y, X");
        }
    }

    @Test
    void existingOutputIsSkippedUnlessOverwrite() throws Exception {
        Path out = tmp.resolve("coins_convpaint_labels.tif");
        Files.writeString(out, "keep me");
        String[] args = {"predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o", tmp.toString(),
            EXAMPLES.resolve("coins.tif").toString()};
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("skipped"), r.err());
        assertEquals("keep me", Files.readString(out));
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--overwrite";
        assertEquals(0, CliRunner.run(again).exit());
        try (TiffReader t = TiffReader.open(out)) {
            assertEquals(PixelType.UINT32, t.pixelType());
        }
    }

    @Test
    void channelMismatchIsOneLineAndLeavesNoOutput() throws Exception {
        Path img = tmp.resolve("two_channels.tif");
        try (TiffWriter w = TiffWriter.create(img, "CYX", new long[] {2, 40, 50}, PixelType.UINT16,
                Calibration.UNKNOWN)) {
            int[] plane = new int[40 * 50];
            w.writePlane(plane);
            w.writePlane(plane);
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        CliRunner r = CliRunner.run("predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o",
                out.toString(), img.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("two_channels.tif") && r.err().contains("--channel"), r.err());
        assertEquals(0, filesIn(out));
        CliRunner ok = CliRunner.run("predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o",
                out.toString(), "--channel", "1", img.toString());
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void unreadableTiffIsOneLineAndTheOtherInputsStillRun() throws Exception {
        Path bad = tmp.resolve("broken.tif");
        Files.write(bad, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 2, 3});
        Path out = Files.createDirectories(tmp.resolve("out"));
        CliRunner r = CliRunner.run("predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o",
                out.toString(), bad.toString(), EXAMPLES.resolve("coins.tif").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("convpaint: " + bad + ": ")), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(Files.exists(out.resolve("coins_convpaint_labels.tif")));
        assertEquals(1, filesIn(out));
    }

    @Test
    void missingWeightsNameTheFileWhereToPutItAndTheUrl() throws Exception {
        Path model = TestModels.withExtractor(tmp, "vgg16");
        CliRunner r = CliRunner.runWithEnv(Map.of("TORCH_HOME", tmp.resolve("no-torch").toString()), "predict",
                "-m", model.toString(), "-o", tmp.toString(), EXAMPLES.resolve("coins.tif").toString());
        assertEquals(2, r.exit(), "the run stops before any input");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("vgg16-397923af.pth") && r.err().contains("--weights")
                && r.err().contains("https://download.pytorch.org/models/vgg16-397923af.pth"), r.err());
    }

    @Test
    void unknownExtractorIsNamedAsNotSupported() throws Exception {
        Path model = TestModels.withExtractor(tmp, "cellpose_backbone");
        CliRunner r = CliRunner.run("predict", "-m", model.toString(), "-o", tmp.toString(),
                EXAMPLES.resolve("coins.tif").toString());
        assertEquals(2, r.exit(), "the run stops before any input");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cellpose_backbone") && r.err().contains("not supported"), r.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, CliRunner.run("predict", "-m", "x.pkl", "--output-type", "blobs", "in.tif").exit());
        assertEquals(2, CliRunner.run("predict", "-m", "x.pkl", "--downsample", "0", "in.tif").exit());
        assertEquals(2, CliRunner.run("predict", "in.tif").exit());
        CliRunner noScratch = CliRunner.run("predict", "-m", "x.pkl", "--scratch", tmp.resolve("missing").toString(),
                "in.tif");
        assertEquals(2, noScratch.exit());
        assertTrue(noScratch.err().contains("--scratch") && noScratch.err().contains("not a folder"), noScratch.err());
    }
}
