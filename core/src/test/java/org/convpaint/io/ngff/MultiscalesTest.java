package org.convpaint.io.ngff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.junit.jupiter.api.Test;

class MultiscalesTest {
    private static final Path STORE = Path.of("cells.ome.zarr");

    private static JsonObject json(String text) {
        return JsonParser.parseString(text.replace('\'', '"')).getAsJsonObject();
    }

    /** As ome-zarr-py 0.8 writes a TCZYX image with two levels (NGFF 0.4). */
    private static final String V04 = "{'multiscales': [{'version': '0.4', 'name': 'cells', 'axes': ["
            + "{'name': 't', 'type': 'time', 'unit': 'second'}, {'name': 'c', 'type': 'channel'},"
            + "{'name': 'z', 'type': 'space', 'unit': 'micrometer'}, {'name': 'y', 'type': 'space', 'unit': 'micrometer'},"
            + "{'name': 'x', 'type': 'space', 'unit': 'micrometer'}],"
            + "'datasets': [{'path': '0', 'coordinateTransformations': [{'type': 'scale', 'scale': [2.0, 1, 0.5, 0.25, 0.25]}]},"
            + "{'path': '1', 'coordinateTransformations': [{'type': 'scale', 'scale': [2.0, 1, 0.5, 0.5, 0.5]},"
            + "{'type': 'translation', 'translation': [0, 0, 0, 0.125, 0.125]}]}],"
            + "'coordinateTransformations': [{'type': 'scale', 'scale': [1.5, 1, 1, 1, 1]}]}]}";

    @Test
    void ngff04AxesLevelsAndCalibrationAreRead() throws InvalidInputException {
        Multiscales m = Multiscales.parse(json(V04), STORE);
        assertEquals("0.4", m.version());
        assertEquals("TCZYX", m.axes());
        assertEquals(2, m.levelCount());
        assertEquals("1", m.level(1).path());
        // the multiscale's own scale multiplies each level's; translations do not change pixel sizes
        assertArrayEquals(new double[] {3.0, 1, 0.5, 0.5, 0.5}, m.level(1).scale());
        Calibration c = m.calibration(0);
        assertEquals(0.25, c.pixelWidth());
        assertEquals(0.25, c.pixelHeight());
        assertEquals(0.5, c.voxelDepth());
        assertEquals(3.0, c.timeInterval());
        assertEquals("\u00b5m", c.spaceUnit());
        assertEquals("s", c.timeUnit());
    }

    @Test
    void ngff05ReadsTheOmeAttributes() throws InvalidInputException {
        JsonObject attrs = json("{'ome': {'version': '0.5', 'multiscales': [{'axes': ["
                + "{'name': 'z', 'type': 'space'}, {'name': 'y', 'type': 'space'}, {'name': 'x', 'type': 'space'}],"
                + "'datasets': [{'path': 's0', 'coordinateTransformations': [{'type': 'scale', 'scale': [1, 1, 1]}]}]}]}}");
        Multiscales m = Multiscales.parse(attrs, STORE);
        assertEquals("0.5", m.version());
        assertEquals("ZYX", m.axes());
        assertEquals("s0", m.level(0).path());
        assertEquals(Calibration.UNKNOWN, m.calibration(0));
    }

    @Test
    void olderVersionsGiveAxesAsNamesOrNone() throws InvalidInputException {
        Multiscales v03 = Multiscales.parse(json("{'multiscales': [{'version': '0.3', 'axes': ['c', 'y', 'x'],"
                + "'datasets': [{'path': '0'}]}]}"), STORE);
        assertEquals("CYX", v03.axes());
        Multiscales v01 = Multiscales.parse(json("{'multiscales': [{'version': '0.1', 'datasets': [{'path': '0'}]}]}"),
                STORE);
        assertEquals("TCZYX", v01.axes());
        assertNull(Multiscales.parse(json("{'multiscales': [{'axes': ['y', 'x'], 'datasets': [{'path': '0'}]}]}"),
                STORE).version());
    }

    @Test
    void customAxisNamesMapByType() throws InvalidInputException {
        Multiscales m = Multiscales.parse(json("{'multiscales': [{'axes': [{'name': 'frame', 'type': 'time'},"
                + "{'name': 'wavelength', 'type': 'channel'}, {'name': 'y', 'type': 'space'},"
                + "{'name': 'x', 'type': 'space'}], 'datasets': [{'path': '0'}]}]}"), STORE);
        assertEquals("TCYX", m.axes());
    }

    @Test
    void invalidMetadataIsRefusedWithTheStoreAndTheProblem() {
        assertMessage("{'plate': {}}", "HCS plate");
        assertMessage("{'foo': 1}", "no multiscales");
        assertMessage("{'multiscales': [{'axes': ['y', 'x', 'z'], 'datasets': [{'path': '0'}]}]}",
                "do not end in y, x");
        assertMessage("{'multiscales': [{'axes': ['q', 'y', 'x'], 'datasets': [{'path': '0'}]}]}",
                "axis 'q' is not supported");
        assertMessage("{'multiscales': [{'axes': ['y', 'y', 'x'], 'datasets': [{'path': '0'}]}]}", "two axes");
        assertMessage("{'multiscales': [{'axes': ['y', 'x'], 'datasets': []}]}", "no datasets");
        assertMessage("{'multiscales': [{'axes': ['y', 'x'], 'datasets': [{'path': '../x'}]}]}", "leaves the image");
        assertMessage("{'multiscales': [{'axes': ['y', 'x'], 'datasets': [{'path': '0',"
                + "'coordinateTransformations': [{'type': 'scale', 'scale': [1]}]}]}]}", "one value per axis");
        assertMessage("{'multiscales': [{'axes': ['y', 'x'], 'datasets': [{'path': '0',"
                + "'coordinateTransformations': [{'type': 'scale', 'scale': [1, -2]}]}]}]}", "not a positive number");
    }

    private static void assertMessage(String attrs, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Multiscales.parse(json(attrs), STORE));
        assertTrue(e.getMessage().startsWith("cells.ome.zarr: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
