package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.convpaint.model.ExtractorCatalog;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Downsampled runs whose grid probabilities go to a scratch file (forced with a 1-byte spill size) give the same
 * labels as runs holding them in memory, for every public fixture case with downsampling and both output types.
 */
class SpillTest {

    @TestFactory
    Stream<DynamicTest> spilledProbabilitiesGiveTheSameLabelsForEveryDownsampledCase() {
        Fixtures.root();
        return Fixtures.cases().stream()
                .filter(c -> !"timing".equals(c.get("kind").getAsString()))
                .filter(c -> c.getAsJsonObject("params").get("image_downsample").getAsInt() > 1)
                .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
    }

    private static void check(JsonObject c) throws Exception {
        String fe = Fixtures.model(c.get("model").getAsString()).getAsJsonObject("param").get("fe_name")
                .getAsString();
        assumeTrue(ExtractorCatalog.isSupported(fe), fe + " is not supported yet");
        for (OutputType type : OutputType.values()) {
            Conformance.Output memory = Conformance.run(c, type, 1, false, new TileSettings(32, 0, Long.MAX_VALUE),
                    2);
            Conformance.Output spilled = Conformance.run(c, type, 1, false, new TileSettings(32, 0, 1), 2);
            assertArrayEquals(memory.labels(), spilled.labels(), type + " labels");
        }
    }
}
