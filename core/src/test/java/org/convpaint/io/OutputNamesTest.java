package org.convpaint.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class OutputNamesTest {

    @Test
    void stemDropsImageExtensionsCaseInsensitively() {
        assertEquals("a", OutputNames.stem("a.TIF"));
        assertEquals("b", OutputNames.stem("b.ome.tiff"));
        assertEquals("c", OutputNames.stem("c.OME.zarr"));
        assertEquals("d", OutputNames.stem("d.zarr"));
        assertEquals("e", OutputNames.stem("e.czi"));
        assertEquals("f.txt", OutputNames.stem("f.txt"));
        assertEquals(".tif", OutputNames.stem(".tif"));
    }

    @Test
    void outputsAreNamedAfterTheInputInTheChosenFormat() {
        Path out = Path.of("/data/out");
        assertEquals(Path.of("/data/out/cells_convpaint_labels.ome.zarr"),
                OutputNames.labels(out, Path.of("/in/cells.ome.tif"), "_convpaint_labels", OutputFormat.ZARR));
        assertEquals(Path.of("/data/out/cells_x.tif"),
                OutputNames.labels(out, Path.of("/in/cells.zarr"), "_x", OutputFormat.TIFF));
        assertEquals(Path.of("/data/out/cells_convpaint_probabilities.ome.zarr"),
                OutputNames.probabilities(out, Path.of("/in/cells.ome.zarr"), OutputFormat.ZARR));
    }

    @Test
    void outputsOfThisToolAreRecognised() {
        assertTrue(OutputNames.isOutput("a_convpaint_labels.ome.zarr", "_convpaint_labels"));
        assertTrue(OutputNames.isOutput("a_convpaint_probabilities.tif", "_seg"));
        assertTrue(OutputNames.isOutput("a_seg.tif", "_seg"));
        assertFalse(OutputNames.isOutput("a.ome.zarr", "_convpaint_labels"));
    }

    @Test
    void formatNamesAreParsedAndOthersRefused() {
        assertEquals(OutputFormat.ZARR, OutputFormat.parse("Zarr"));
        assertEquals(OutputFormat.TIFF, OutputFormat.parse("tif"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("png"));
        assertTrue(e.getMessage().contains("tiff or zarr"), e.getMessage());
    }
}
