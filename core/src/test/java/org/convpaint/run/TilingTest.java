package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.convpaint.model.ExtractorCatalog;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Tiled prediction equals the untiled prediction bit for bit (labels and probabilities) for every public fixture
 * case, with tiles small enough (32 px) that every image is cut into many tiles with halos.
 */
class TilingTest {

    @TestFactory
    Stream<DynamicTest> tiledEqualsUntiledForEveryFixtureCase() {
        Fixtures.root();
        return Fixtures.cases().stream()
                .filter(c -> !"timing".equals(c.get("kind").getAsString()))
                .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
    }

    private static void check(JsonObject c) throws Exception {
        String fe = Fixtures.model(c.get("model").getAsString()).getAsJsonObject("param").get("fe_name")
                .getAsString();
        assumeTrue(ExtractorCatalog.isSupported(fe), fe + " is not supported yet");
        Conformance.Output whole = Conformance.run(c, OutputType.SEMANTIC, 0, true, TileSettings.untiled(),
                StoragePolicy.automatic(), 1);
        Conformance.Output tiled = Conformance.run(c, OutputType.SEMANTIC, 0, true, new TileSettings(32, 0),
                StoragePolicy.automatic(), 2);
        assertArrayEquals(whole.labels(), tiled.labels(), "labels");
        assertArrayEquals(whole.probabilities(), tiled.probabilities(), "probabilities");
    }
}
