package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffTestFiles.readAll;
import static org.convpaint.io.tiff.TiffTestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.convpaint.InvalidInputException;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, truncated and hostile files: clear errors, no allocation beyond what the file can hold. */
class TiffReaderRobustnessTest {
    @TempDir
    Path tmp;

    @Test
    void aTruncatedFileFailsWithTruncatedInTheMessage() throws Exception {
        byte[] all = Files.readAllBytes(resource("ome_tczyx.tif"));
        Path cut = tmp.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(all, all.length * 6 / 10));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(cut).close());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aFileShorterThanAHeaderIsNotATiff() throws Exception {
        Path f = tmp.resolve("tiny.tif");
        Files.write(f, new byte[] {'I', 'I', 42});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("not a TIFF file"), e.getMessage());
    }

    @Test
    void imageJStackWithOnlyItsFirstIfdIsReadContiguously() throws Exception {
        byte[] all = Files.readAllBytes(resource("imagej_tzcyx.tif"));
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        int entries = b.getShort(ifd) & 0xffff;
        b.putInt(ifd + 2 + 12 * entries, 0); // cut the IFD chain after the first page
        Path f = tmp.resolve("one_ifd.tif");
        Files.write(f, all);
        Npy expected = Npy.read(resource("imagej_tzcyx.npy"));
        try (TiffReader r = TiffReader.open(f)) {
            assertEquals("TZCYX", r.axes());
            assertArrayEquals(expected.data, readAll(r));
        }
    }

    @Test
    void metadataDeclaringMorePagesThanStoredIsTruncated() throws Exception {
        byte[] all = Files.readAllBytes(resource("ome_tczyx.tif"));
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        int entries = b.getShort(ifd) & 0xffff;
        b.putInt(ifd + 2 + 12 * entries, 0);
        Path f = tmp.resolve("ome_one_ifd.tif");
        Files.write(f, all);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("truncated: OME-XML declares 12 planes but the file has 1 IFDs"),
                e.getMessage());
    }

    /**
     * A 300-byte file whose metadata declares 2 000 000 000 planes is refused at once with the count, before
     * anything is allocated per plane (it used to allocate the page sequence first: "out of memory", or 5-24 s and
     * 1.26 GB for 3·10^8 planes).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ImageJ=1.11a\nimages=2000000000\nslices=2000000000\n",
        "ImageJ=1.11a\nimages=300000000\n", "{\"shape\": [2000000000, 8, 8]}", "{\"shape\": [300000000, 8, 8]}",
        "<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"I:0\">"
            + "<Pixels ID=\"P:0\" DimensionOrder=\"XYZCT\" Type=\"uint8\" SizeX=\"8\" SizeY=\"8\" SizeZ=\"2000000000\""
            + " SizeC=\"1\" SizeT=\"1\"/></Image></OME>"})
    void hugePlaneCountsInMetadataAreRefusedBeforeAllocation(String description) throws Exception {
        Path f = tmp.resolve("planes.tif");
        Files.write(f, SingleStripTiff.of(8, 8, 8, 1, 1, new byte[64], description));
        long before = System.nanoTime();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("truncated: ") && e.getMessage().contains("declares")
                && e.getMessage().contains("00000000 planes but the file has 1 "), e.getMessage());
        assertTrue(System.nanoTime() - before < 2_000_000_000L, "refused at once");
    }

    @Test
    void hugeDeclaredStripsAreRejectedBeforeAllocation() throws Exception {
        // 100000 x 100000 pixels in one 10-byte Deflate strip: more than 2 GiB decoded
        Path f = tmp.resolve("huge.tif");
        Files.write(f, tinyTiff(100_000, 100_000, 8, 100_000, 10));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("more than 2 GiB"), e.getMessage());
        // 20000 x 20000 in strips of 1000 rows, 10 bytes each: no Deflate stream expands that much
        Files.write(f, tinyTiff(20_000, 20_000, 8, 1000, 10));
        e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("cannot hold"), e.getMessage());
    }

    @Test
    void stripOffsetsBeyondTheFileAreTruncated() throws Exception {
        Path f = tmp.resolve("beyond.tif");
        byte[] bytes = tinyTiff(16, 16, 1, 16, 256);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 100));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TiffReader.open(f).close());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("beyond the end of the file"), e.getMessage());
    }

    @Test
    void damagedDeflateDataFailsOnReadWithThePageAndStrip() throws Exception {
        Path f = tmp.resolve("garbage.tif");
        byte[] bytes = tinyTiff(16, 16, 8, 16, 40);
        Files.write(f, bytes);
        try (TiffReader r = TiffReader.open(f)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> r.readPlane(0, new double[256]));
            assertTrue(e.getMessage().contains("damaged page 0 strip 0"), e.getMessage());
        }
    }

    @Test
    void uncompressedStripsLargerThanABandAreReadInPieces() throws Exception {
        int w = 3000;
        int h = 3000; // one 9 MB strip, more than one 8 MiB band
        byte[] bytes = tinyTiff(w, h, 1, h, w * h);
        int data = bytes.length - w * h;
        for (int i = 0; i < w * h; i++) {
            bytes[data + i] = (byte) ((i / w) * 7 + i % w);
        }
        Path f = tmp.resolve("large_strip.tif");
        Files.write(f, bytes);
        try (TiffReader r = TiffReader.open(f)) {
            double[] plane = new double[w * h];
            r.readPlane(0, plane);
            for (int i = 0; i < plane.length; i++) {
                if (plane[i] != (((i / w) * 7 + i % w) & 0xff)) {
                    assertEquals(((i / w) * 7 + i % w) & 0xff, plane[i], "pixel " + i);
                }
            }
            double[] rows = new double[3 * w];
            r.readRows(0, 2796, 2799, rows);
            assertArrayEquals(Arrays.copyOfRange(plane, 2796 * w, 2799 * w), rows);
        }
    }

    /**
     * A classic little-endian uint8 TIFF with one IFD; strips of {@code rowsPerStrip} rows, each claiming
     * {@code stripBytes} bytes, followed by {@code stripBytes} bytes of 0x55 (only one strip's worth is stored).
     */
    static byte[] tinyTiff(int width, int height, int compression, int rowsPerStrip, int stripBytes) {
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        int[][] entries = {{256, 4, 1, width}, {257, 4, 1, height}, {258, 3, 1, 8}, {259, 3, 1, compression},
            {262, 3, 1, 1}, {273, 4, strips, -1}, {277, 3, 1, 1}, {278, 4, 1, rowsPerStrip},
            {279, 4, strips, -2}};
        int ifd = 8;
        int arrays = ifd + 2 + 12 * entries.length + 4;
        int data = arrays + 8 * strips;
        ByteBuffer b = ByteBuffer.allocate(data + stripBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[3] == -1) {
                b.putInt(strips == 1 ? data : arrays);
            } else if (e[3] == -2) {
                b.putInt(strips == 1 ? stripBytes : arrays + 4 * strips);
            } else if (e[1] == 3) {
                b.putShort((short) e[3]).putShort((short) 0);
            } else {
                b.putInt(e[3]);
            }
        }
        b.putInt(0);
        for (int s = 0; s < strips; s++) {
            b.putInt(arrays + 4 * s, data);
            b.putInt(arrays + 4 * strips + 4 * s, stripBytes);
        }
        b.position(data);
        while (b.hasRemaining()) {
            b.put((byte) 0x55);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array(), 0, b.capacity());
        return out.toByteArray();
    }
}
