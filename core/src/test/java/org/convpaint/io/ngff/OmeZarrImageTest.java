package org.convpaint.io.ngff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.gson.JsonParser;

import org.convpaint.InvalidInputException;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelType;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;
import org.convpaint.scratch.TempFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmeZarrImageTest {
    @TempDir
    Path dir;

    /** Pixel value at (plane, y, x) of the test arrays. */
    private static double value(int plane, int y, int x) {
        return plane * 1000 + y * 31 + x;
    }

    /** A [planes..., h, w] uint16 array with chunks [1.., 5, 6] filled with {@link #value}. */
    private static void array(Path at, ZarrFormat format, long[] shape) throws Exception {
        int rank = shape.length;
        int[] chunks = new int[rank];
        Arrays.fill(chunks, 1);
        chunks[rank - 2] = 5;
        chunks[rank - 1] = 6;
        ZarrArrayWriter w = ZarrArrayWriter.create(at, new ZarrArraySpec(format, shape, chunks, PixelType.UINT16,
                ZarrCompressor.bloscZstd(3), 0, "/"));
        int h = (int) shape[rank - 2];
        int wd = (int) shape[rank - 1];
        long planes = Arrays.stream(shape).limit(rank - 2).reduce(1, (a, b) -> a * b);
        for (int p = 0; p < planes; p++) {
            double[] v = new double[h * wd];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    v[y * wd + x] = value(p, y, x);
                }
            }
            long[] offset = new long[rank];
            int rest = p;
            for (int d = rank - 3; d >= 0; d--) {
                offset[d] = rest % shape[d];
                rest /= shape[d];
            }
            int[] size = new int[rank];
            Arrays.fill(size, 1);
            size[rank - 2] = h;
            size[rank - 1] = wd;
            w.write(offset, size, v);
        }
    }

    private Path image(ZarrFormat format) throws Exception {
        Path store = dir.resolve("img.ome.zarr");
        String ms = "[{\"axes\": [{\"name\": \"t\", \"type\": \"time\"}, {\"name\": \"c\", \"type\": \"channel\"},"
                + "{\"name\": \"y\", \"type\": \"space\", \"unit\": \"micrometer\"},"
                + "{\"name\": \"x\", \"type\": \"space\", \"unit\": \"micrometer\"}], \"datasets\": ["
                + "{\"path\": \"0\", \"coordinateTransformations\": [{\"type\": \"scale\", \"scale\": [1, 1, 0.5, 0.5]}]},"
                + "{\"path\": \"1\", \"coordinateTransformations\": [{\"type\": \"scale\", \"scale\": [1, 1, 1, 1]}]}]}]";
        String attrs = format == ZarrFormat.V2 ? "{\"multiscales\": " + ms + "}"
                : "{\"ome\": {\"version\": \"0.5\", \"multiscales\": " + ms + "}}";
        ZarrGroups.createGroup(store, format, JsonParser.parseString(attrs).getAsJsonObject());
        array(store.resolve("0"), format, new long[] {2, 3, 13, 17});
        array(store.resolve("1"), format, new long[] {2, 3, 7, 9});
        return store;
    }

    @Test
    void rowsOfEveryPlaneReadAcrossChunks() throws Exception {
        for (ZarrFormat f : ZarrFormat.values()) {
            Path store = image(f);
            OmeZarrImage img = OmeZarrImage.open(store, 0);
            assertEquals("TCYX", img.metadataAxes());
            assertArrayEquals(new int[] {2, 3, 13, 17}, img.shape());
            assertArrayEquals(new int[] {5, 6}, img.planeChunks());
            assertEquals(f, img.format());
            ImageSource src = img.source("TCYX");
            assertEquals(PixelType.UINT16, src.pixelType());
            assertEquals(0.5, src.calibration().pixelWidth());
            assertEquals("\u00b5m", src.calibration().spaceUnit());
            double[] rows = new double[4 * 17];
            src.readRows(4, 3, 7, rows); // t=1, c=1, rows 3..6 straddle the chunk border at 5
            for (int y = 3; y < 7; y++) {
                for (int x = 0; x < 17; x++) {
                    assertEquals(value(4, y, x), rows[(y - 3) * 17 + x]);
                }
            }
            OmeZarrImage level1 = OmeZarrImage.open(store, 1);
            assertArrayEquals(new int[] {2, 3, 7, 9}, level1.shape());
            assertEquals(1.0, level1.calibration().pixelWidth());
            TempFiles.deleteTree(store);
        }
    }

    @Test
    void aPlainArrayHasNoAxesMetadata() throws Exception {
        Path store = dir.resolve("plain.zarr");
        array(store, ZarrFormat.V2, new long[] {4, 13, 17});
        OmeZarrImage img = OmeZarrImage.open(store, 0);
        assertNull(img.metadataAxes());
        assertTrue(img.multiscales().isEmpty());
        double[] plane = new double[13 * 17];
        img.source("ZYX").readPlane(3, plane);
        assertEquals(value(3, 12, 16), plane[12 * 17 + 16]);
        assertMessage(() -> OmeZarrImage.open(store, 1), "plain Zarr array with one level");
    }

    @Test
    void problemsNameTheStoreAndWhatIsWrong() throws Exception {
        Path store = image(ZarrFormat.V2);
        assertMessage(() -> OmeZarrImage.open(store, 2), "level 2 does not exist; the image has 2 (0..1)");
        assertMessage(() -> OmeZarrImage.open(dir.resolve("missing.zarr"), 0), "file not found");
        Path empty = Files.createDirectories(dir.resolve("empty.zarr"));
        assertMessage(() -> OmeZarrImage.open(empty, 0), "not a Zarr store");
        assertMessage(() -> OmeZarrImage.open(store, 0).source("CYX"), "do not fit the array's shape");
        Path mismatch = dir.resolve("mismatch.zarr");
        ZarrGroups.createGroup(mismatch, ZarrFormat.V2, JsonParser.parseString(
                "{\"multiscales\": [{\"axes\": [\"y\", \"x\"], \"datasets\": [{\"path\": \"0\"}]}]}")
                .getAsJsonObject());
        array(mismatch.resolve("0"), ZarrFormat.V2, new long[] {2, 5, 5});
        assertMessage(() -> OmeZarrImage.open(mismatch, 0), "has 3 dimensions but the metadata names 2 axes");
        Path noArray = dir.resolve("noarray.zarr");
        ZarrGroups.createGroup(noArray, ZarrFormat.V2, JsonParser.parseString(
                "{\"multiscales\": [{\"axes\": [\"y\", \"x\"], \"datasets\": [{\"path\": \"0\"}]}]}")
                .getAsJsonObject());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OmeZarrImage.open(noArray, 0));
        assertTrue(e.getMessage().contains("noarray.zarr"), e.getMessage());
        assertFalse(OmeZarrImage.isZarr(empty));
        assertTrue(OmeZarrImage.isZarr(store));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
