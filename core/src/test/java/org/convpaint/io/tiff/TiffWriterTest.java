package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffTestFiles.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writer → reader round trips, the OME-XML and TIFF tags written, and the writer's contract. */
class TiffWriterTest {
    @TempDir
    Path tmp;

    /** value = (index of the plane) * 1000 + y * 10 + x, with uint32 values from 2^31 up. */
    private static int value(int plane, int y, int x, boolean high) {
        return (high ? Integer.MIN_VALUE : 0) + plane * 1000 + y * 10 + x;
    }

    private static long[] shape(String axes, int h, int w) {
        long[] s = new long[axes.length()];
        for (int i = 0; i < s.length - 2; i++) {
            s[i] = 2 + i; // distinct sizes > 1: no axis is squeezed and a wrong order shows
        }
        s[s.length - 2] = h;
        s[s.length - 1] = w;
        return s;
    }

    private static int planes(long[] shape) {
        int n = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            n *= (int) shape[i];
        }
        return n;
    }

    @ParameterizedTest
    @CsvSource({"YX,XYZCT", "ZYX,XYZCT", "CYX,XYZCT", "TYX,XYZCT", "TZYX,XYZCT", "TCZYX,XYZCT", "ZCYX,XYCZT",
        "CZYX,XYZCT", "TZCYX,XYCZT", "ZTYX,XYCTZ", "CTZYX,XYZTC", "ZTCYX,XYCTZ"})
    void everyAxesOrderRoundTripsWithAMatchingDimensionOrder(String axes, String order) throws Exception {
        assertEquals(order, OmeXmlWriter.dimensionOrder(axes));
        Path f = tmp.resolve(axes + ".ome.tif");
        long[] shape = shape(axes, 5, 7);
        int n = planes(shape);
        try (TiffWriter w = TiffWriter.create(f, axes, shape, PixelType.UINT16, Calibration.UNKNOWN)) {
            for (int p = 0; p < n; p++) {
                int[] plane = new int[35];
                for (int i = 0; i < 35; i++) {
                    plane[i] = value(p, i / 7, i % 7, false);
                }
                w.writePlane(plane);
            }
        }
        try (TiffReader r = TiffReader.open(f)) {
            assertEquals(axes, r.axes());
            assertArrayEquals(shape, r.shape());
            assertTrue(r.axesFromMetadata());
            assertEquals(PixelType.UINT16, r.pixelType());
            double[] all = readAll(r);
            for (int p = 0; p < n; p++) {
                for (int i = 0; i < 35; i++) {
                    assertEquals(value(p, i / 7, i % 7, false), all[p * 35 + i], axes + " plane " + p);
                }
            }
        }
    }

    @Test
    void imagesAreNamedByRandomVersion4Uuids() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID u = TiffWriter.randomUuid();
            assertEquals(4, u.version(), u.toString());
            assertEquals(2, u.variant(), u.toString());
            seen.add(u);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void uint32ValuesAtAndAbove2To31RoundTripUnsigned() throws Exception {
        Path f = tmp.resolve("u32.ome.tif");
        long[] shape = {3, 40, 1100}; // several strips per plane
        try (TiffWriter w = TiffWriter.create(f, "ZYX", shape, PixelType.UINT32, null)) {
            assertFalse(w.isBigTiff());
            for (int p = 0; p < 3; p++) {
                int[] plane = new int[40 * 1100];
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = value(p, i / 1100, i % 1100, true);
                }
                plane[0] = -1; // 2^32 - 1
                w.writePlane(plane);
            }
        }
        try (TiffReader r = TiffReader.open(f)) {
            assertEquals(PixelType.UINT32, r.pixelType());
            double[] plane = new double[40 * 1100];
            for (int p = 0; p < 3; p++) {
                r.readPlane(p, plane);
                assertEquals(4294967295.0, plane[0]);
                for (int i = 1; i < plane.length; i++) {
                    assertEquals(value(p, i / 1100, i % 1100, true) & 0xffffffffL, plane[i]);
                }
            }
        }
    }

    @Test
    void planesOfAStackAreWrittenFromTheirOffsetWithoutCopies() throws Exception {
        Path f = tmp.resolve("stack.ome.tif");
        int plane = 30 * 2300; // several strips per plane
        int[] stack = new int[7 + 2 * plane];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = i * 31 + 5;
        }
        try (TiffWriter w = TiffWriter.create(f, "ZYX", new long[] {2, 30, 2300}, PixelType.UINT32, null)) {
            w.writePlane(stack, 7);
            w.writePlane(stack, 7 + plane);
            assertThrows(IllegalStateException.class, () -> w.writePlane(stack, 0));
        }
        try (TiffReader r = TiffReader.open(f)) {
            double[] all = readAll(r);
            for (int i = 0; i < 2 * plane; i++) {
                assertEquals(stack[7 + i], all[i]);
            }
        }
        try (TiffWriter w = TiffWriter.create(tmp.resolve("short.tif"), "YX", new long[] {30, 2300}, PixelType.UINT32,
                null)) {
            assertThrows(IllegalArgumentException.class, () -> w.writePlane(stack, stack.length - plane + 1));
            w.writePlane(stack, stack.length - plane);
        }
    }

    @Test
    void planesSuppliedStripByStripEqualPlanesFromArrays() throws Exception {
        int h = 30;
        int w = 2300; // 7 rows per 64 KiB strip: 5 strips, the last one short
        int[] stack = new int[2 * h * w];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = i * 31 + 5;
        }
        Path f = tmp.resolve("rows.ome.tif");
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        try (TiffWriter w2 = TiffWriter.create(f, "ZYX", new long[] {2, h, w}, PixelType.UINT32, null)) {
            for (int p = 0; p < 2; p++) {
                int base = p * h * w;
                w2.writePlane((y0, y1, dst) -> {
                    asked.add(y0);
                    System.arraycopy(stack, base + y0 * w, dst, 0, (y1 - y0) * w);
                });
            }
        }
        assertEquals(java.util.List.of(0, 7, 14, 21, 28, 0, 7, 14, 21, 28), asked);
        Path g = tmp.resolve("arrays.ome.tif");
        try (TiffWriter w2 = TiffWriter.create(g, "ZYX", new long[] {2, h, w}, PixelType.UINT32, null)) {
            w2.writePlane(stack, 0);
            w2.writePlane(stack, h * w);
        }
        try (TiffReader a = TiffReader.open(f); TiffReader b = TiffReader.open(g)) {
            assertArrayEquals(readAll(b), readAll(a));
        }
    }

    @Test
    void aFailingRowSourceAddsNoPlane() throws Exception {
        Path f = tmp.resolve("failing.tif");
        try (TiffWriter w = TiffWriter.create(f, "ZYX", new long[] {2, 30, 2300}, PixelType.UINT16, null)) {
            w.writePlane(new int[30 * 2300]);
            assertThrows(java.io.IOException.class, () -> w.writePlane((y0, y1, dst) -> {
                if (y0 > 0) {
                    throw new java.io.IOException("disk gone");
                }
            }));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.writePlane((y0, y1, dst) -> Arrays.fill(dst, y0 == 14 ? 70000 : 1)));
            assertTrue(e.getMessage().contains("index " + 14 * 2300), e.getMessage());
            assertEquals(1, w.planesWritten());
            int[] last = new int[30 * 2300];
            Arrays.fill(last, 65535);
            w.writePlane(last);
        }
        try (TiffReader r = TiffReader.open(f)) {
            double[] all = readAll(r);
            assertEquals(2 * 30 * 2300, all.length);
            assertEquals(0, all[30 * 2300 - 1]);
            assertEquals(65535, all[30 * 2300]);
            assertEquals(65535, all[all.length - 1]);
        }
    }

    @Test
    void float32ValuesRoundTripBitExactly() throws Exception {
        Path f = tmp.resolve("f32.ome.tif");
        float[] plane = new float[6 * 4];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (i - 7) * 0.1f;
        }
        plane[1] = Float.NaN;
        plane[2] = Float.NEGATIVE_INFINITY;
        plane[3] = Float.MIN_VALUE;
        plane[4] = -0.0f;
        try (TiffWriter w = TiffWriter.create(f, "YX", new long[] {6, 4}, PixelType.FLOAT32, null)) {
            w.writePlane(plane);
        }
        try (TiffReader r = TiffReader.open(f)) {
            assertEquals(PixelType.FLOAT32, r.pixelType());
            assertEquals("YX", r.axes());
            double[] back = readAll(r);
            for (int i = 0; i < plane.length; i++) {
                assertEquals(Float.floatToRawIntBits(plane[i]), Float.floatToRawIntBits((float) back[i]), "at " + i);
                assertEquals((double) plane[i], back[i]);
            }
        }
    }

    @Test
    void forcedBigTiffRoundTrips() throws Exception {
        Path f = tmp.resolve("big.ome.tif");
        long[] shape = {2, 3, 9, 11};
        try (TiffWriter w = TiffWriter.create(f, "TZYX", shape, PixelType.UINT8, null, true)) {
            assertTrue(w.isBigTiff());
            for (int p = 0; p < 6; p++) {
                int[] plane = new int[99];
                Arrays.fill(plane, p * 40 + 3);
                w.writePlane(plane);
            }
        }
        byte[] head = Files.readAllBytes(f);
        assertEquals(43, head[2]);
        try (TiffReader r = TiffReader.open(f)) {
            assertEquals("TZYX", r.axes());
            assertArrayEquals(shape, r.shape());
            double[] plane = new double[99];
            r.readPlane(5, plane);
            assertEquals(203.0, plane[98]);
        }
    }

    @Test
    void calibrationRoundTripsThroughOmeXmlAndResolutionTags() throws Exception {
        Path f = tmp.resolve("cal.ome.tif");
        Calibration cal = new Calibration(0.65, 0.325, 2.5, 10.0, "um", "sec");
        try (TiffWriter w = TiffWriter.create(f, "TZYX", new long[] {2, 2, 3, 3}, PixelType.UINT8, cal)) {
            for (int p = 0; p < 4; p++) {
                w.writePlane(new int[9]);
            }
        }
        try (TiffReader r = TiffReader.open(f)) {
            Calibration c = r.calibration();
            assertEquals(0.65, c.pixelWidth());
            assertEquals(0.325, c.pixelHeight());
            assertEquals(2.5, c.voxelDepth());
            assertEquals(10.0, c.timeInterval());
            assertEquals("\u00b5m", c.spaceUnit());
            assertEquals("s", c.timeUnit());
        }
        try (TiffInput in = TiffInput.open(f)) {
            Ifd ifd = Ifd.read(in, in.firstIfd(), 0);
            assertEquals(TiffTags.RESUNIT_CENTIMETER, ifd.getLong(TiffTags.RESOLUTION_UNIT, 0));
            assertEquals(1e4 / 0.65, ifd.getDouble(TiffTags.X_RESOLUTION), 1e-9);
            assertEquals(1e4 / 0.325, ifd.getDouble(TiffTags.Y_RESOLUTION), 1e-9);
            String xml = ifd.getString(TiffTags.IMAGE_DESCRIPTION);
            assertTrue(xml.contains("PhysicalSizeX=\"0.65\" PhysicalSizeXUnit=\"&#181;m\""), xml);
            assertTrue(xml.contains("TimeIncrement=\"10\" TimeIncrementUnit=\"s\""), xml);
        }
    }

    @Test
    void writerSetsTheTagsTifffileWrites() throws Exception {
        Path f = tmp.resolve("tags.ome.tif");
        try (TiffWriter w = TiffWriter.create(f, "ZYX", new long[] {2, 300, 1000}, PixelType.UINT16, null)) {
            w.writePlane(new int[300_000]);
            w.writePlane(new int[300_000]);
        }
        try (TiffInput in = TiffInput.open(f)) {
            Ifd first = Ifd.read(in, in.firstIfd(), 0);
            assertEquals(8, first.getLong(TiffTags.COMPRESSION, 0));
            assertEquals(1, first.getLong(TiffTags.PHOTOMETRIC, 0));
            assertEquals(1, first.getLong(TiffTags.SAMPLE_FORMAT, 0));
            assertEquals(1, first.getLong(TiffTags.PREDICTOR, 1));
            assertEquals(32, first.getLong(TiffTags.ROWS_PER_STRIP, 0)); // 64 KiB / 2000 bytes per row
            assertEquals(10, first.count(TiffTags.STRIP_OFFSETS));
            assertFalse(first.has(TiffTags.X_RESOLUTION));
            String xml = first.getString(TiffTags.IMAGE_DESCRIPTION);
            assertTrue(xml.contains("DimensionOrder=\"XYZCT\" Type=\"uint16\" SizeX=\"1000\" SizeY=\"300\" "
                    + "SizeC=\"1\" SizeZ=\"2\" SizeT=\"1\""), xml);
            assertTrue(xml.contains("<TiffData IFD=\"0\" PlaneCount=\"2\"/>"), xml);
            Ifd second = Ifd.read(in, first.nextOffset(), 1);
            assertFalse(second.has(TiffTags.IMAGE_DESCRIPTION));
            assertEquals(0, second.nextOffset());
        }
    }

    @Test
    void closingBeforeAllPlanesFailsAndLeavesAFileThatReadsAsTruncated() throws Exception {
        Path f = tmp.resolve("partial.ome.tif");
        TiffWriter w = TiffWriter.create(f, "ZYX", new long[] {3, 2, 2}, PixelType.UINT8, null);
        w.writePlane(new int[4]);
        IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("only 1 of 3 planes"), e.getMessage());
        w.close(); // idempotent
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }

    @Test
    void writerRejectsWhatItCannotWrite() throws Exception {
        Path f = tmp.resolve("bad.tif");
        Calibration u = Calibration.UNKNOWN;
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.create(f, "XY", new long[] {2, 2},
                PixelType.UINT8, u));
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.create(f, "ZZYX", new long[] {2, 2, 2, 2},
                PixelType.UINT8, u));
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.create(f, "QYX", new long[] {2, 2, 2},
                PixelType.UINT8, u));
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.create(f, "ZYX", new long[] {2, 2},
                PixelType.UINT8, u));
        assertThrows(IllegalArgumentException.class, () -> TiffWriter.create(f, "YX", new long[] {2, 2},
                PixelType.FLOAT64, u));
        try (TiffWriter w = TiffWriter.create(f, "YX", new long[] {2, 2}, PixelType.UINT8, u)) {
            assertThrows(IllegalArgumentException.class, () -> w.writePlane(new int[] {0, 1, 256, 3}));
            assertThrows(IllegalArgumentException.class, () -> w.writePlane(new int[3]));
            assertThrows(IllegalArgumentException.class, () -> w.writePlane(new float[4]));
            w.writePlane(new int[] {0, 1, 255, 3});
            assertThrows(IllegalStateException.class, () -> w.writePlane(new int[4]));
        }
    }

    @Test
    void rationalsApproximateResolutionsClosely() {
        assertArrayEquals(new long[] {200000, 13}, IfdWriter.rational(1e4 / 0.65));
        assertArrayEquals(new long[] {4, 1}, IfdWriter.rational(4.0));
        long[] r = IfdWriter.rational(Math.PI);
        assertEquals(Math.PI, (double) r[0] / r[1], 1e-15);
    }
}
