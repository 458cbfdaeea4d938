package org.convpaint.knime.files.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.convpaint.CanceledException;
import org.convpaint.features.WeightsLocator;
import org.convpaint.knime.files.batch.RowResult.Status;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.run.FilePredictor;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.InputRequest;
import org.convpaint.run.OutputTargets;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RowProcessor} with the real engine on the project's example image and model. */
class RowProcessorTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path IMAGE = EXAMPLES.resolve("coins.tif");

    private static ImagePredictor instances;
    private static ImagePredictor withProbabilities;
    private static final List<String> LOAD_WARNINGS = new java.util.ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        final PredictionOptions.Builder b = PredictionOptions.builder().outputType(OutputType.INSTANCE).threads(2)
            .forceCpu(true);
        instances = ImagePredictor.open(EXAMPLES.resolve("coins_gaussian.pkl"), WeightsLocator.fromEnvironment(
            List.of()), b.build(), LOAD_WARNINGS::add);
        withProbabilities = ImagePredictor.open(EXAMPLES.resolve("coins_gaussian.pkl"),
            WeightsLocator.fromEnvironment(List.of()), b.probabilities(true).build(), LOAD_WARNINGS::add);
    }

    @AfterAll
    static void close() {
        instances.close();
        withProbabilities.close();
    }

    private static RowProcessor.Settings settings(final Path folder, final OutputChoice format,
            final boolean overwrite, final boolean probabilities) {
        return new RowProcessor.Settings(folder, format, "_convpaint_labels", overwrite, probabilities, null, null);
    }

    private static RowProcessor processor(final RowProcessor.Settings s) {
        return new RowProcessor(new FilePredictor(s.probabilities() ? withProbabilities : instances), s);
    }

    private Path copy(final String name) throws IOException {
        final Path p = dir.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.copy(IMAGE, p);
    }

    private static List<String> names(final Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheLabelsTheEngineWritesAndReportsAxesShapeAndTime() throws Exception {
        final Path out = dir.resolve("out");
        final RowResult r = processor(settings(out, OutputChoice.INPUT, false, false)).process("Row0", IMAGE,
            ProgressMonitor.NONE);
        assertEquals(Status.DONE, r.status(), r::toString);
        final Path labels = out.resolve("coins_convpaint_labels.tif");
        assertEquals(labels, r.labels());
        assertNull(r.probabilities());
        assertEquals("YX", r.axes());
        assertEquals("[301, 257]", r.shapeText());
        assertTrue(r.seconds() > 0);
        assertNull(r.message());
        // the testflow requires that neither loading nor predicting warns for this model and image
        assertEquals(List.of(), r.warnings());
        assertEquals(List.of(), LOAD_WARNINGS);

        final Path reference = dir.resolve("reference.tif");
        new FilePredictor(instances).predict(InputRequest.of(IMAGE), OutputTargets.tiff(reference, null), null,
            ProgressMonitor.NONE);
        final int[] expected = LabelImages.read(reference);
        assertArrayEquals(expected, LabelImages.read(labels));
        assertEquals(434, java.util.Arrays.stream(expected).filter(v -> v != 0).distinct().count());
        assertEquals(List.of("coins_convpaint_labels.tif"), names(out)); // no temporary file left
    }

    @Test
    void probabilitiesAndZarr() throws Exception {
        final Path out = dir.resolve("out");
        final RowResult r = processor(settings(out, OutputChoice.ZARR, false, true)).process("Row0", IMAGE,
            ProgressMonitor.NONE);
        assertEquals(Status.DONE, r.status(), r::toString);
        assertEquals(out.resolve("coins_convpaint_labels.ome.zarr"), r.labels());
        assertEquals(out.resolve("coins_convpaint_probabilities.ome.zarr"), r.probabilities());
        assertTrue(Files.isDirectory(r.labels()));
        assertTrue(Files.isDirectory(r.probabilities()));
        assertEquals(List.of(), r.warnings());
        assertEquals(List.of("coins_convpaint_labels.ome.zarr", "coins_convpaint_probabilities.ome.zarr"),
            names(out));
    }

    @Test
    void existingOutputsAreKeptUnlessOverwriting() throws Exception {
        final Path in = copy("coins.tif");
        final RowResult first = processor(settings(null, OutputChoice.TIFF, false, false)).process("Row0", in,
            ProgressMonitor.NONE);
        assertEquals(Status.DONE, first.status(), first::toString);
        final Path labels = in.resolveSibling("coins_convpaint_labels.tif"); // next to the input
        assertEquals(labels, first.labels());
        final FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(labels, written);

        final RowResult kept = processor(settings(null, OutputChoice.TIFF, false, false)).process("Row0", in,
            ProgressMonitor.NONE);
        assertEquals(Status.SKIPPED, kept.status());
        assertEquals(labels, kept.labels());
        assertNull(kept.seconds());
        assertEquals("output exists (enable 'Overwrite existing files' to replace it)", kept.message());
        assertEquals(written, Files.getLastModifiedTime(labels));

        final RowResult replaced = processor(settings(null, OutputChoice.TIFF, true, false)).process("Row0", in,
            ProgressMonitor.NONE);
        assertEquals(Status.DONE, replaced.status());
        assertFalse(written.equals(Files.getLastModifiedTime(labels)));
    }

    @Test
    void anExistingProbabilitiesFileAlsoSkipsTheRow() throws Exception {
        final Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("coins_convpaint_probabilities.tif"), "old");
        final RowResult r = processor(settings(out, OutputChoice.TIFF, false, true)).process("Row0", IMAGE,
            ProgressMonitor.NONE);
        assertEquals(Status.SKIPPED, r.status());
        assertNull(r.labels());
        assertEquals(out.resolve("coins_convpaint_probabilities.tif"), r.probabilities());
    }

    @Test
    void outputsAreNotTakenAsInputs() throws Exception {
        final Path in = copy("coins_convpaint_labels.tif");
        final RowResult r = processor(settings(null, OutputChoice.INPUT, true, false)).process("Row3", in,
            ProgressMonitor.NONE);
        assertEquals(Status.SKIPPED, r.status());
        assertTrue(r.message().startsWith("named like an output of Convpaint"), r.message());
        assertEquals(List.of("coins_convpaint_labels.tif"), names(in.getParent()));
    }

    @Test
    void aLaterRowWithTheSameOutputNameFails() throws Exception {
        final Path a = copy("coins.tif");
        final Path b = Files.copy(IMAGE, Files.createDirectories(dir.resolve("other")).resolve("coins.tif"));
        final Path out = dir.resolve("out");
        final RowProcessor p = processor(settings(out, OutputChoice.INPUT, true, false));
        assertEquals(Status.DONE, p.process("Row0", a, ProgressMonitor.NONE).status());
        final RowResult second = p.process("Row1", b, ProgressMonitor.NONE);
        assertEquals(Status.FAILED, second.status());
        assertTrue(second.message().contains("output of row Row0"), second.message());
        assertNull(second.seconds());
        // the same file listed twice is the same clash
        assertEquals(Status.FAILED, p.process("Row2", a, ProgressMonitor.NONE).status());
    }

    @Test
    void unreadableAndMissingInputsFailWithTheirReasonAndLeaveNothing() throws Exception {
        final Path broken = Files.createDirectories(dir.resolve("in")).resolve("not_an_image.tif");
        Files.writeString(broken, "this is not a TIFF file\n");
        final Path out = dir.resolve("out");
        final RowProcessor p = processor(settings(out, OutputChoice.INPUT, false, false));
        final RowResult r = p.process("Row1", broken, ProgressMonitor.NONE);
        assertEquals(Status.FAILED, r.status());
        // the text the testflow's reference table holds for its not_an_image.tif (same content)
        assertEquals("not a TIFF file (starts with 0x74686973)", r.message());
        assertNotNull(r.seconds());
        assertNull(r.labels());

        final RowResult missing = p.process("Row2", dir.resolve("in/missing.tif"), ProgressMonitor.NONE);
        assertEquals(Status.FAILED, missing.status());
        assertEquals("file not found", missing.message());
        assertFalse(Files.exists(out) && !names(out).isEmpty());
    }

    @Test
    void axesThatDoNotFitFailTheRow() throws Exception {
        final RowProcessor p = processor(new RowProcessor.Settings(dir, OutputChoice.INPUT, "_convpaint_labels",
            false, false, "TZYX", null));
        final RowResult r = p.process("Row0", IMAGE, ProgressMonitor.NONE);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.message().contains("TZYX"), r.message());
        assertTrue(names(dir).isEmpty());
    }

    @Test
    void cancellingLeavesNothingBehind() throws Exception {
        final Path out = dir.resolve("out");
        final ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void progress(final double fraction, final String stage) {
                // not needed
            }

            @Override
            public void checkCanceled() throws CanceledException {
                throw new CanceledException(); // the output file is open by now
            }
        };
        final RowProcessor p = processor(settings(out, OutputChoice.TIFF, false, false));
        assertThrows(CanceledException.class, () -> p.process("Row0", IMAGE, cancelled));
        assertTrue(!Files.exists(out) || names(out).isEmpty());
    }

    @Test
    void settingsRefuseUnusableSuffixes() {
        assertThrows(IllegalArgumentException.class,
            () -> new RowProcessor.Settings(null, OutputChoice.INPUT, "", false, false, null, null));
        assertThrows(IllegalArgumentException.class,
            () -> new RowProcessor.Settings(null, OutputChoice.INPUT, "a/b", false, false, null, null));
        assertThrows(IllegalArgumentException.class,
            () -> new RowProcessor.Settings(null, null, "_x", false, false, null, null));
        assertNull(new RowProcessor.Settings(null, OutputChoice.INPUT, "_x", false, false, "  ", null).axes());
    }
}
