package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.convpaint.ConvpaintException;
import org.convpaint.model.ExtractorCatalog;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that keep intermediates out of the heap (forced with a 1-byte spill size: the pixels stay in the file and
 * are read in bands; downsampled grid probabilities and the labels go to scratch files, and smoothing, background
 * removal and instance labelling run on bands of rows) give the same semantic and instance labels as runs holding
 * everything in memory, for every public fixture case.
 */
class SpillTest {

    @TestFactory
    Stream<DynamicTest> spillingGivesTheSameLabelsForEveryCase() {
        Fixtures.root();
        return Fixtures.cases().stream()
                .filter(c -> !"timing".equals(c.get("kind").getAsString()))
                .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
    }

    @TempDir
    static Path scratch;

    @Test
    void aMissingScratchFolderIsAClearError() {
        Fixtures.root();
        JsonObject c = Fixtures.cases().stream()
                .filter(x -> !"timing".equals(x.get("kind").getAsString()))
                .filter(x -> x.getAsJsonObject("params").get("image_downsample").getAsInt() > 1)
                .filter(x -> x.get("model").getAsString().contains("gauss"))
                .findFirst().orElseThrow();
        Path missing = scratch.resolve("no-such-folder");
        ConvpaintException e = assertThrows(ConvpaintException.class, () -> Conformance.run(c, OutputType.SEMANTIC,
                1, false, new TileSettings(32, 0), new StoragePolicy(1, missing), 1));
        assertTrue(e.getMessage().contains("scratch") && e.getMessage().contains(missing.toString()),
                e.getMessage());
    }

    private static void check(JsonObject c) throws Exception {
        String fe = Fixtures.model(c.get("model").getAsString()).getAsJsonObject("param").get("fe_name")
                .getAsString();
        assumeTrue(ExtractorCatalog.isSupported(fe), fe + " is not supported yet");
        for (OutputType type : OutputType.values()) {
            Conformance.Output memory = Conformance.run(c, type, 1, false,
                    new TileSettings(32, 0), new StoragePolicy(Long.MAX_VALUE, scratch), 2);
            Conformance.Output spilled = Conformance.run(c, type, 1, false, new TileSettings(32, 0),
                    new StoragePolicy(1, scratch), 2);
            assertArrayEquals(memory.labels(), spilled.labels(), type + " labels");
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(0, left.count(), "scratch files are deleted");
        }
    }
}
