package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffTestFiles.assertMatchesNpy;
import static org.convpaint.io.tiff.TiffTestFiles.readAll;
import static org.convpaint.io.tiff.TiffTestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;

import org.convpaint.image.PixelType;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zstd, LZMA and JPEG files written by libtiff (tiffcp), ImageMagick and tifffile (see
 * src/test/resources/tiff/make_codec_tiffs.sh) decode exactly to what libtiff decodes.
 */
class TiffCodecTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"u16_zstd", "u16_zstd_pred2", "f32_zstd_pred3", "u8_zstd_tiled", "u16_zstd_zyx"})
    void zstdStripsDecodeToLibtiffPixels(String name) throws Exception {
        assertMatchesNpy(name).close();
    }

    @Test
    void zstdUnderTheOldTagValue34926DecodesLikeTag50000() throws Exception {
        Path f = new TiffPatch(resource("u16_zstd_pred2.tif")).setShort(TiffTags.COMPRESSION, 34926)
                .write(tmp.resolve("zstd_34926.tif"));
        try (TiffReader r = TiffReader.open(f)) {
            assertArrayEquals(Npy.read(resource("u16_zstd_pred2.npy")).data, readAll(r));
        }
    }

    /**
     * libtiff stops decoding when a strip is complete: bytes after the stream (padding, or here the next strip's)
     * are ignored.
     */
    @ParameterizedTest
    @ValueSource(strings = {"u16_zstd", "u16_lzma"})
    void bytesAfterTheCompressedStreamOfAStripAreIgnored(String name) throws Exception {
        TiffPatch p = new TiffPatch(resource(name + ".tif"));
        p.setLong(279, 0, p.get(279, 0) + 3);
        Path f = p.write(tmp.resolve(name + "_longer.tif"));
        try (TiffReader r = TiffReader.open(f)) {
            assertArrayEquals(Npy.read(resource(name + ".npy")).data, readAll(r));
        }
    }

    @Test
    void zstdThreePageFileKeepsItsZyxAxes() throws Exception {
        try (TiffReader r = assertMatchesNpy("u16_zstd_zyx")) {
            assertEquals("ZYX", r.axes());
            assertArrayEquals(new long[] {3, 29, 37}, r.shape());
            assertEquals(PixelType.UINT16, r.pixelType());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"u16_lzma", "u16_lzma_pred2", "u8_lzma_tifffile"})
    void lzmaFromLibtiffAndTifffileDecodesToTheirPixels(String name) throws Exception {
        assertMatchesNpy(name).close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray_jpeg", "gray_jpeg_magick"})
    void grayscaleJpegDecodesToLibtiffPixels(String name) throws Exception {
        try (TiffReader r = TiffReader.open(resource(name + ".tif"))) {
            assertEquals("YX", r.axes());
            assertEquals(PixelType.UINT8, r.pixelType());
            assertSameValues(name, r);
        }
    }

    /** tiffcp's YCbCr 2x2 in 16- and 32-row strips and 16x16 tiles, ImageMagick's YCbCr 1x1. */
    @ParameterizedTest
    @ValueSource(strings = {"rgb_jpeg_ycbcr", "rgb_jpeg_ycbcr_r32", "rgb_jpeg_tiled", "rgb_jpeg_magick_ycbcr11"})
    void ycbcrJpegDecodesToTheRgbLibtiffReturns(String name) throws Exception {
        try (TiffReader r = TiffReader.open(resource(name + ".tif"))) {
            assertEquals("CYX", r.axes());
            assertArrayEquals(new long[] {3, 45, 61}, r.shape());
            assertSameValues(name, r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rgb_jpeg_rgb", "rgb_jpeg_magick"})
    void rgbPhotometricJpegDecodesWithoutColourConversion(String name) throws Exception {
        try (TiffReader r = TiffReader.open(resource(name + ".tif"))) {
            assertEquals("CYX", r.axes());
            assertSameValues(name, r);
        }
    }

    @Test
    void jpegRowsReadInBandsEqualTheWholePlane() throws Exception {
        try (TiffReader r = TiffReader.open(resource("rgb_jpeg_ycbcr.tif"))) {
            double[] plane = new double[r.width() * r.height()];
            r.readPlane(1, plane);
            double[] rows = new double[5 * r.width()];
            r.readRows(1, 14, 19, rows);
            assertArrayEquals(Arrays.copyOfRange(plane, 14 * r.width(), 19 * r.width()), rows);
        }
    }

    /** Exact comparison that reports how many values differ (the JPEG numbers of the README). */
    private static void assertSameValues(String name, TiffReader r) throws Exception {
        Npy expected = Npy.read(resource(name + ".npy"));
        double[] actual = readAll(r);
        assertEquals(expected.data.length, actual.length, name);
        int differ = 0;
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected.data[i]) {
                differ++;
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected.data[i]));
            }
        }
        assertEquals(0, differ, name + ": " + differ + " of " + actual.length + " values differ from libtiff's, by "
                + "up to " + maxDiff);
    }
}
