package org.convpaint.knime.files.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.io.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputChoiceTest {

    @Test
    void parsesSettingsValues() {
        assertEquals(OutputChoice.INPUT, OutputChoice.parse("input"));
        assertEquals(OutputChoice.INPUT, OutputChoice.parse(" Input "));
        assertEquals(OutputChoice.TIFF, OutputChoice.parse("tiff"));
        assertEquals(OutputChoice.TIFF, OutputChoice.parse("TIF"));
        assertEquals(OutputChoice.ZARR, OutputChoice.parse("zarr"));
        assertEquals(OutputChoice.ZARR, OutputChoice.parse("ome-zarr"));
        for (OutputChoice c : OutputChoice.values()) {
            assertEquals(c, OutputChoice.parse(c.value()));
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OutputChoice.parse("png"));
        assertTrue(e.getMessage().contains("'input', 'tiff' or 'zarr'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputChoice.parse(null));
    }

    @Test
    void theInputsOwnFormatIsZarrForStoresOnly(@TempDir final Path dir) throws Exception {
        final Path store = Files.createDirectory(dir.resolve("a.zarr"));
        final Path tif = Files.createFile(dir.resolve("a.tif"));
        assertEquals(OutputFormat.ZARR, OutputChoice.INPUT.formatFor(store));
        assertEquals(OutputFormat.TIFF, OutputChoice.INPUT.formatFor(tif));
        assertEquals(OutputFormat.TIFF, OutputChoice.INPUT.formatFor(dir.resolve("missing.tif")));
        assertEquals(OutputFormat.TIFF, OutputChoice.TIFF.formatFor(store));
        assertEquals(OutputFormat.ZARR, OutputChoice.ZARR.formatFor(tif));
    }
}
