package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffTestFiles.assertMatchesNpy;
import static org.convpaint.io.tiff.TiffTestFiles.readAll;
import static org.convpaint.io.tiff.TiffTestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding of the generated test files (see src/test/resources/tiff/README.md) against their .npy values. */
class TiffReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"u8_uncompressed", "u8_lzw", "u16_lzw_pred2", "u16_lzw_noise", "u8_packbits",
            "u16_deflate_pred2_zyx", "f32_deflate_pred3", "f32_lzw_pred2", "u16_tiled_zyx", "u16_bigtiff_tyx", "u16_bigendian_zyx",
            "f32_bigendian", "i32_bigendian_bigtiff", "rgb_planar", "rgb_chunky", "rgb16_chunky_pred2", "imagej_tzcyx",
            "ome_tczyx", "ome_rgb_tyxs", "ome_rgb_cyxs", "i16", "f64", "multipage_nometa", "two_series"})
    void everyGeneratedFileDecodesToTheValuesOfItsGenerator(String name) throws Exception {
        try (TiffReader r = assertMatchesNpy(name)) {
            assertEquals(r.planeCount() * (long) r.width() * r.height(),
                    Arrays.stream(r.shape()).reduce(1, (a, b) -> a * b));
        }
    }

    @Test
    void lzwCompressedStripsDecodeToTheSamePixelsAsUncompressed() throws Exception {
        try (TiffReader lzw = TiffReader.open(resource("u8_lzw.tif"));
                TiffReader raw = TiffReader.open(resource("u8_uncompressed.tif"))) {
            assertArrayEquals(readAll(raw), readAll(lzw));
        }
    }

    @Test
    void packBitsAndHorizontalPredictorDecodeExactly() throws Exception {
        try (TiffReader r = assertMatchesNpy("u8_packbits")) {
            assertEquals(PixelType.UINT8, r.pixelType());
        }
        try (TiffReader r = assertMatchesNpy("u16_lzw_pred2")) {
            assertEquals(PixelType.UINT16, r.pixelType());
        }
    }

    @Test
    void floatingPointPredictorRestoresFloat32BitsExactly() throws Exception {
        try (TiffReader r = assertMatchesNpy("f32_deflate_pred3")) {
            assertEquals(PixelType.FLOAT32, r.pixelType());
            double[] plane = new double[r.width() * r.height()];
            r.readPlane(0, plane);
            assertEquals((double) 1e-30f, plane[3 * r.width() + 4]);
            assertEquals((double) -3.4e38f, plane[5 * r.width() + 6]);
        }
    }

    @Test
    void pixelTypesFollowBitsAndSampleFormat() throws Exception {
        String[] files = {"u8_uncompressed", "u16_tiled_zyx", "i16", "i32_bigendian_bigtiff", "f32_bigendian",
            "f64"};
        PixelType[] types = {PixelType.UINT8, PixelType.UINT16, PixelType.INT16, PixelType.INT32,
            PixelType.FLOAT32, PixelType.FLOAT64};
        for (int i = 0; i < files.length; i++) {
            try (TiffReader r = TiffReader.open(resource(files[i] + ".tif"))) {
                assertEquals(types[i], r.pixelType(), files[i]);
            }
        }
    }

    @Test
    void tifffileJsonAxesNameTheLeadingAxes() throws Exception {
        try (TiffReader r = TiffReader.open(resource("u16_tiled_zyx.tif"))) {
            assertEquals("ZYX", r.axes());
            assertArrayEquals(new long[] {2, 45, 37}, r.shape());
            assertTrue(r.axesFromMetadata());
        }
        try (TiffReader r = TiffReader.open(resource("u16_bigtiff_tyx.tif"))) {
            assertEquals("TYX", r.axes());
        }
        try (TiffReader r = TiffReader.open(resource("u8_uncompressed.tif"))) {
            assertEquals("YX", r.axes());
            assertEquals(1, r.planeCount());
        }
    }

    @Test
    void pagesWithoutMetadataBecomeAnUnknownLeadingAxis() throws Exception {
        try (TiffReader r = TiffReader.open(resource("multipage_nometa.tif"))) {
            assertEquals("IYX", r.axes());
            assertArrayEquals(new long[] {4, 29, 37}, r.shape());
            assertFalse(r.axesFromMetadata());
            assertTrue(r.calibration().isUnknown());
        }
    }

    @Test
    void samplesPerPixelBecomeAChannelAxisBeforeYx() throws Exception {
        for (String name : new String[] {"rgb_planar", "rgb_chunky"}) {
            try (TiffReader r = TiffReader.open(resource(name + ".tif"))) {
                assertEquals("CYX", r.axes(), name);
                assertArrayEquals(new long[] {3, 29, 37}, r.shape(), name);
            }
        }
        try (TiffReader r = TiffReader.open(resource("ome_rgb_tyxs.tif"))) {
            assertEquals("TCYX", r.axes());
            assertArrayEquals(new long[] {2, 3, 29, 37}, r.shape());
        }
    }

    @Test
    void metadataChannelsOfMultiSamplePagesMergeIntoOneChannelAxis() throws Exception {
        try (TiffReader r = assertMatchesNpy("ome_rgb_cyxs")) {
            assertEquals("CYX", r.axes());
            assertArrayEquals(new long[] {6, 29, 37}, r.shape());
        }
    }

    @Test
    void imageJHyperstackGivesTzcAxesAndCalibration() throws Exception {
        try (TiffReader r = TiffReader.open(resource("imagej_tzcyx.tif"))) {
            assertEquals("TZCYX", r.axes());
            assertArrayEquals(new long[] {2, 3, 2, 13, 11}, r.shape());
            assertTrue(r.axesFromMetadata());
            Calibration c = r.calibration();
            assertEquals(0.25, c.pixelWidth(), 1e-12);
            assertEquals(0.5, c.pixelHeight(), 1e-12);
            assertEquals(1.5, c.voxelDepth());
            assertEquals(2.0, c.timeInterval());
            assertEquals("\u00b5m", c.spaceUnit());
        }
    }

    @Test
    void omeXmlGivesAxesInDimensionOrderAndPhysicalSizes() throws Exception {
        try (TiffReader r = TiffReader.open(resource("ome_tczyx.tif"))) {
            assertEquals("TCZYX", r.axes());
            assertArrayEquals(new long[] {2, 2, 3, 13, 11}, r.shape());
            assertTrue(r.axesFromMetadata());
            Calibration c = r.calibration();
            assertEquals(0.3, c.pixelWidth());
            assertEquals(0.4, c.pixelHeight());
            assertEquals(2.0, c.voxelDepth());
            assertEquals(5.0, c.timeInterval());
            assertEquals("\u00b5m", c.spaceUnit());
            assertEquals("s", c.timeUnit());
        }
    }

    @Test
    void centimetreResolutionTagsGiveMicrometrePixelSizes() throws Exception {
        try (TiffReader r = TiffReader.open(resource("u8_uncompressed.tif"))) {
            Calibration c = r.calibration();
            assertEquals(0.5, c.pixelWidth());
            assertEquals(1.0, c.pixelHeight());
            assertEquals("\u00b5m", c.spaceUnit());
            assertTrue(Double.isNaN(c.voxelDepth()));
        }
    }

    @Test
    void concurrentReadsReturnTheSamePlanesAsSequentialReads() throws Exception {
        try (TiffReader r = TiffReader.open(resource("ome_tczyx.tif"))) {
            double[] expected = readAll(r);
            int plane = r.width() * r.height();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> results = new ArrayList<>();
                for (int round = 0; round < 8; round++) {
                    for (int i = 0; i < r.planeCount(); i++) {
                        int index = i;
                        results.add(pool.submit(() -> {
                            double[] p = new double[plane];
                            r.readPlane(index, p);
                            return p;
                        }));
                    }
                }
                for (int k = 0; k < results.size(); k++) {
                    int i = k % r.planeCount();
                    assertArrayEquals(Arrays.copyOfRange(expected, i * plane, (i + 1) * plane),
                            results.get(k).get(), "plane " + i);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void pagesBeyondTheFirstSeriesAreIgnored() throws Exception {
        try (TiffReader r = TiffReader.open(resource("two_series.tif"))) {
            assertEquals("ZYX", r.axes());
            assertEquals(2, r.planeCount());
        }
    }

    @Test
    void readRowsReturnsTheSameRowsAsReadPlane() throws Exception {
        for (String name : new String[] {"u16_tiled_zyx", "u8_uncompressed", "rgb_chunky", "u16_deflate_pred2_zyx"}) {
            try (TiffReader r = TiffReader.open(resource(name + ".tif"))) {
                int w = r.width();
                double[] plane = new double[w * r.height()];
                int last = r.planeCount() - 1;
                r.readPlane(last, plane);
                for (int[] rows : new int[][] {{0, 1}, {3, 20}, {15, 17}, {r.height() - 1, r.height()}}) {
                    double[] part = new double[(rows[1] - rows[0]) * w];
                    r.readRows(last, rows[0], rows[1], part);
                    assertArrayEquals(Arrays.copyOfRange(plane, rows[0] * w, rows[1] * w), part,
                            name + " rows " + rows[0] + ".." + rows[1]);
                }
            }
        }
    }

    @Test
    void uint32AndLargeValuesAreReadUnsigned() throws Exception {
        try (TiffReader r = assertMatchesNpy("i32_bigendian_bigtiff")) {
            double[] p = new double[r.width() * r.height()];
            r.readPlane(0, p);
            assertEquals(-2147483643.0, p[0]);
        }
    }

    @Test
    void unsupportedOrDamagedFilesFailWithAOneLineMessage() throws IOException {
        assertFails("bad_12bit.tif", "unsupported bit depth: 12 bits per sample (supported: 8-, 16- and 32-bit "
                + "integers, 16-, 32- and 64-bit floating point)");
        assertFails("bad_int64.tif", "unsupported sample type: 64-bit integers (supported: 8-, 16- and 32-bit "
                + "integers");
        assertFails("bad_bilevel.tif", "1-bit");
        assertFails("make_test_tiffs.py", "not a TIFF file");
    }

    static void assertFails(String name, String fragment) {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> TiffReader.open(resource(name)).close());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(resource(name) + ": "), "names the file by its path: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
