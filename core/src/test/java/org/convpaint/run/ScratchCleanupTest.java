package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.convpaint.features.WeightsLocator;
import org.convpaint.grid.IntScratchGrid;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every intermediate forced to disk (grid probabilities, class labels, instance labels), a timepoint's
 * scratch files are gone when it is done: after the sink has taken it, and when the sink fails.
 */
class ScratchCleanupTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path scratch;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(scratch)) {
            return s.count();
        }
    }

    private void predict(Sink sink) throws Exception {
        PredictionOptions o = PredictionOptions.builder().outputType(OutputType.INSTANCE).forceCpu(true).threads(2)
                .tiles(new TileSettings(32, 0)).storage(new StoragePolicy(1, scratch)).build();
        try (ImagePredictor p = ImagePredictor.open(EXAMPLES.resolve("coins_gaussian.pkl"),
                new WeightsLocator(List.of(), Map.of(), Path.of("/none")), o, w -> { });
                TiffImageSource src = TiffImageSource.of(TiffReader.open(EXAMPLES.resolve("coins.tif")), null,
                        "YX")) {
            p.predict(src, null, (t, labels, seg) -> sink.accept(((IntScratchGrid) labels).file(), files()), ProgressMonitor.NONE);
        }
    }

    @Test
    void scratchFilesAreDeletedAfterEachTimepoint() throws Exception {
        long[] seen = new long[1];
        predict((file, count) -> {
            assertEquals(scratch, file.getParent(), "the labels are on disk");
            seen[0] = count;
        });
        assertEquals(1, seen[0], "only the instance labels remain while the sink reads them");
        assertEquals(0, files());
    }

    @Test
    void scratchFilesAreDeletedWhenTheSinkFails() throws Exception {
        IOException e = assertThrows(IOException.class, () -> predict((file, count) -> {
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(0, files());
    }

    /** What the test's sink sees: the labels' scratch file and how many scratch files exist then. */
    private interface Sink {
        void accept(Path labelsFile, long scratchFiles) throws IOException;
    }
}
