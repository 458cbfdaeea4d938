package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user reads: paths as given, write failures with their reason, one exit-code rule, a quiet --quiet. */
class MessagesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path TESTDATA = Path.of("..", "core", "src", "test", "resources", "testdata");

    @TempDir
    Path tmp;

    @Test
    void aMissingInputIsNamedByThePathAsGiven() {
        String typo = tmp.resolve("dya1").resolve("well.tif").toString();
        CliRunner r = CliRunner.run("predict", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(), "-o",
                tmp.toString(), typo);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("convpaint: " + typo + ": file not found"), r.err());
    }

    @Test
    void aMissingModelExitsWith2FromEveryCommand() {
        String model = tmp.resolve("models").resolve("nope.pkl").toString();
        CliRunner predict = CliRunner.run("predict", "-m", model, EXAMPLES.resolve("coins.tif").toString());
        CliRunner inspect = CliRunner.run("inspect", model);
        for (CliRunner r : List.of(predict, inspect)) {
            assertEquals(2, r.exit(), r.err());
            assertEquals("convpaint: " + model + ": model file not found", r.err().strip());
        }
    }

    @Test
    void anUnusableOutputFolderStopsTheRunBeforeTheModelIsLoaded() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("results"), "a file, not a folder");
        CliRunner r = CliRunner.run("predict", "-v", "-m", EXAMPLES.resolve("coins_gaussian.pkl").toString(),
                "-o", notAFolder.resolve("run1").toString(), EXAMPLES.resolve("coins.tif").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("convpaint: cannot write to the output folder " + notAFolder.resolve("run1")
                + ": "), r.err());
        assertFalse(r.err().contains("loaded model"), "nothing is computed: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void writeFailuresSayWhy() {
        assertEquals("permission denied", OutputFolders.reason(new AccessDeniedException("/data/out/.x.part")));
        assertEquals("no space left on device", OutputFolders.reason(new IOException("No space left on device")));
        assertEquals("read-only file system",
                OutputFolders.reason(new FileSystemException("/mnt/x", null, "Read-only file system")));
    }

    @Test
    void flagsAreFoundAloneOrClustered() {
        assertTrue(Main.hasFlag(new String[] {"predict", "-q", "x.tif"}, "--quiet", 'q'));
        assertTrue(Main.hasFlag(new String[] {"predict", "-rq", "x.tif"}, "--quiet", 'q'));
        assertTrue(Main.hasFlag(new String[] {"predict", "--quiet"}, "--quiet", 'q'));
        assertFalse(Main.hasFlag(new String[] {"predict", "--", "-q"}, "--quiet", 'q'));
        assertFalse(Main.hasFlag(new String[] {"predict", "--output-type=q", "-m", "m.pkl"}, "--quiet", 'q'));
    }

    /**
     * A whole process (the JVM's own stderr, where DJL and libtorch write): with {@code --quiet} nothing but
     * libtorch's native NNPACK notice, which only the {@code convpaint} launcher can filter, reaches stderr.
     */
    @Test
    void quietPrintsNothingFromDjl() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "predict", "-q", "--downsample", "1", "-m",
                TESTDATA.resolve("m02_vgg16_gray3.pkl").toString(), "--weights",
                TESTDATA.resolve("m02_vgg16_gray3_vgg16_features.pth").toString(), "-o", out.toString(),
                TESTDATA.resolve("g_u8_61x77.tif").toString()).redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), all);
        assertTrue(Files.exists(out.resolve("g_u8_61x77_convpaint_labels.tif")), all);
        List<String> lines = all.lines()
                .filter(l -> !l.matches(".*NNPACK\\.cpp:\\d+\\] Could not initialize NNPACK.*")).toList();
        assertEquals(List.of(), lines);
    }
}
