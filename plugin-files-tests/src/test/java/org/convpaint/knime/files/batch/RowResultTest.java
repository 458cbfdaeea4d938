package org.convpaint.knime.files.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.convpaint.knime.files.batch.RowResult.Status;
import org.junit.jupiter.api.Test;

class RowResultTest {

    @Test
    void statusTextsAreThoseOfTheCommandLineReport() {
        assertEquals("done", Status.DONE.text());
        assertEquals("skipped", Status.SKIPPED.text());
        assertEquals("failed", Status.FAILED.text());
    }

    @Test
    void doneHasNoMessageTheOthersHaveOne() {
        assertThrows(IllegalArgumentException.class,
            () -> new RowResult(Status.DONE, null, null, "YX", new int[] {2, 3}, 1.0, "why", List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new RowResult(Status.SKIPPED, null, null, null, null, null, null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> RowResult.failed(null, null));
        assertThrows(IllegalArgumentException.class,
            () -> new RowResult(null, null, null, null, null, null, "x", List.of()));
    }

    @Test
    void shapeIsCopiedAndShownAsTheCommandLineShowsIt() {
        final int[] shape = {301, 257};
        final RowResult r = new RowResult(Status.DONE, Path.of("/o/a_convpaint_labels.tif"), null, "YX", shape, 0.5,
            null, null);
        shape[0] = 1;
        assertEquals("[301, 257]", r.shapeText());
        r.shape()[1] = 1;
        assertEquals("[301, 257]", r.shapeText());
        assertEquals(List.of(), r.warnings());
        assertEquals(r, new RowResult(Status.DONE, Path.of("/o/a_convpaint_labels.tif"), null, "YX",
            new int[] {301, 257}, 0.5, null, List.of()));
        assertEquals(r.hashCode(), new RowResult(Status.DONE, Path.of("/o/a_convpaint_labels.tif"), null, "YX",
            new int[] {301, 257}, 0.5, null, List.of()).hashCode());
        assertNotEquals(r, RowResult.failed("x", 0.5));
    }

    @Test
    void failedRowsHaveNoOutputs() {
        final RowResult r = RowResult.failed("file not found", 0.25);
        assertEquals(Status.FAILED, r.status());
        assertNull(r.labels());
        assertNull(r.probabilities());
        assertNull(r.axes());
        assertNull(r.shapeText());
        assertEquals(0.25, r.seconds());
        assertEquals("file not found", r.message());
    }
}
