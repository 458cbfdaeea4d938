package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffReaderRobustnessTest.tinyTiff;
import static org.convpaint.io.tiff.TiffTestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.convpaint.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, hostile and unsupported zstd, LZMA and JPEG files: one-line errors, nothing allocated for lies. */
class TiffCodecRobustnessTest {
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;

    @TempDir
    Path tmp;

    @Test
    void truncatedOrCorruptedZstdStripsFailWithOneLine() throws Exception {
        TiffPatch cut = new TiffPatch(resource("u16_zstd.tif"));
        cut.setLong(STRIP_BYTE_COUNTS, 1, cut.get(STRIP_BYTE_COUNTS, 1) / 2);
        assertReadFails(cut.write(tmp.resolve("cut.tif")), "damaged page 0 strip 1: invalid zstd data (");
        TiffPatch bad = new TiffPatch(resource("u16_zstd.tif"));
        bad.fill(bad.get(STRIP_OFFSETS, 2), 4, 0x5A); // frame magic
        assertReadFails(bad.write(tmp.resolve("bad.tif")), "damaged page 0 strip 2: invalid zstd data (");
    }

    @Test
    void truncatedOrCorruptedLzmaStripsFailWithOneLine() throws Exception {
        for (String name : new String[] {"u16_lzma", "u8_lzma_tifffile"}) {
            TiffPatch cut = new TiffPatch(resource(name + ".tif"));
            cut.setLong(STRIP_BYTE_COUNTS, 1, cut.get(STRIP_BYTE_COUNTS, 1) / 2);
            assertReadFails(cut.write(tmp.resolve("cut.tif")), "damaged page 0 strip 1: invalid LZMA data (");
            TiffPatch bad = new TiffPatch(resource(name + ".tif"));
            bad.fill(bad.get(STRIP_OFFSETS, 0) + 30, 8, 0xA5);
            assertReadFails(bad.write(tmp.resolve("bad.tif")), "damaged page 0 strip 0: invalid LZMA data (");
        }
    }

    @Test
    void truncatedOrCorruptedJpegStripsFailWithOneLine() throws Exception {
        for (String name : new String[] {"gray_jpeg", "rgb_jpeg_ycbcr"}) {
            TiffPatch cut = new TiffPatch(resource(name + ".tif"));
            cut.setLong(STRIP_BYTE_COUNTS, 1, cut.get(STRIP_BYTE_COUNTS, 1) / 2);
            assertReadFails(cut.write(tmp.resolve("cut.tif")), "damaged page 0 strip 1: invalid JPEG data (");
            TiffPatch bad = new TiffPatch(resource(name + ".tif"));
            bad.fill(bad.get(STRIP_OFFSETS, 0), 2, 0x00); // SOI
            assertReadFails(bad.write(tmp.resolve("bad.tif")), "damaged page 0 strip 0: invalid JPEG data (");
        }
    }

    @Test
    void jpegFrameOfAnotherSizeThanItsStripIsDamaged() throws Exception {
        Path f = new TiffPatch(resource("gray_jpeg.tif")).setValue(256, 60).write(tmp.resolve("w60.tif"));
        assertReadFails(f, "invalid JPEG data (frame is 61x16, the strip is 60x16)");
    }

    @Test
    void tinyStripsClaimingHugeSizesAreRejectedBeforeAllocation() throws Exception {
        Path f = tmp.resolve("huge.tif");
        for (int compression : new int[] {50000, 34926, 34925, 7}) {
            // 20000 x 1000 pixels (20 MB) per 10-byte strip: beyond any zstd (32768:1), LZMA or JPEG ratio
            Files.write(f, tinyTiff(20_000, 20_000, compression, 1000, 10));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
            assertTrue(e.getMessage().contains("10 stored bytes cannot hold its 20000000 bytes"), e.getMessage());
        }
    }

    @Test
    void zstdFrameDeclaringMoreThanItsStripIsRefusedBeforeDecoding() throws Exception {
        byte[] tiff = tinyTiff(4096, 64, 50000, 64, 64); // 262144 bytes from 64: a possible zstd ratio
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        int data = tiff.length - 64;
        b.putInt(data, 0xFD2FB528).put(data + 4, (byte) 0xE0).putLong(data + 5, 1L << 40);
        Path f = Files.write(tmp.resolve("declares.tif"), tiff);
        assertReadFails(f, "invalid zstd data (frame declares 1099511627776 bytes, more than the 262144 bytes");
    }

    @Test
    void lzmaHeaderAskingForAHugeDictionaryIsRefused() throws Exception {
        byte[] tiff = tinyTiff(4096, 64, 34925, 64, 64);
        int data = tiff.length - 64;
        byte[] header = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 1, 0, 0, 0, 0};
        putCrc(header, 6, 2, 8);
        byte[] block = {2, 0, 0x21, 1, 37, 0, 0, 0, 0, 0, 0, 0}; // LZMA2 with a 1.5 GiB dictionary
        putCrc(block, 0, 8, 8);
        System.arraycopy(header, 0, tiff, data, 12);
        System.arraycopy(block, 0, tiff, data + 12, 12);
        Path f = Files.write(tmp.resolve("dict.tif"), tiff);
        assertReadFails(f, "damaged page 0 strip 0: invalid LZMA data (needs 153");
        assertReadFails(f, "MiB of memory, more than 96 MiB)");
    }

    @Test
    void unsupportedCompressionsAreNamedWithTheirTag() throws Exception {
        String[][] cases = {{"34712", "JPEG 2000"}, {"50002", "JPEG XL"}, {"52546", "JPEG XL"}, {"50001", "WebP"},
            {"34927", "WebP"}, {"34887", "LERC"}, {"34933", "PNG"}, {"34934", "JPEG XR"}, {"4", "CCITT Group 4 fax"},
            {"6", "old-style JPEG"}};
        Path f = tmp.resolve("other.tif");
        for (String[] c : cases) {
            Files.write(f, tinyTiff(16, 16, Integer.parseInt(c[0]), 16, 256));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
            assertTrue(e.getMessage().endsWith("unsupported compression " + c[1] + " (" + c[0] + ")"),
                    e.getMessage());
        }
    }

    @Test
    void twelveBitJpegIsRefused() throws Exception {
        Path f = new TiffPatch(resource("gray_jpeg.tif")).setShort(258, 12).write(tmp.resolve("j12.tif"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("unsupported: 12-bit JPEG compression in page 0"), e.getMessage());
    }

    @Test
    void subsampledYcbcrWithoutJpegIsRefused() throws Exception {
        Path f = new TiffPatch(resource("rgb_chunky.tif")).setShort(262, 6).write(tmp.resolve("ycc.tif"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("unsupported: subsampled YCbCr colour (YCbCrSubSampling 2x2 (default)) "
                + "without JPEG compression"), e.getMessage());
    }

    private static void putCrc(byte[] b, int from, int length, int at) {
        CRC32 crc = new CRC32();
        crc.update(b, from, length);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) crc.getValue());
    }

    /** Opening works; reading all planes fails with one line containing {@code fragment}. */
    private static void assertReadFails(Path f, String fragment) throws Exception {
        try (TiffReader r = TiffReader.open(f)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffTestFiles.readAll(r));
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
