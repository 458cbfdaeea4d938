package org.convpaint.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import com.github.luben.zstd.Zstd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Large compressed strips read band by band: the same pixels as a whole-plane read, each strip decoded once. */
class ChunkCursorsTest {
    @TempDir
    Path tmp;

    static byte[] compress(int compression, byte[] raw) throws Exception {
        if (compression == 50000) {
            return Zstd.compress(raw, 3);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (compression == 34925) {
            try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(1))) {
                xz.write(raw);
            }
        } else {
            try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(1))) {
                z.write(raw);
            }
        }
        return out.toByteArray();
    }

    /** Horizontal differencing of 16-bit little-endian samples, row by row (what a writer does for predictor 2). */
    static byte[] difference16(byte[] raw, int width) {
        byte[] out = raw.clone();
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < raw.length / 2; i++) {
            int prev = i % width == 0 ? 0 : in.getShort(2 * i - 2);
            o.putShort(2 * i, (short) (in.getShort(2 * i) - prev));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"8, 1", "50000, 1", "34925, 1", "8, 2", "50000, 2", "34925, 2"})
    void bandsOfALargeStripEqualTheWholePlane(int compression, int predictor) throws Exception {
        int width = 1024;
        int height = 700;
        byte[] raw = new byte[2 * width * height];
        Random random = new Random(compression + predictor);
        ByteBuffer v = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < width * height; i++) {
            v.putShort(2 * i, (short) (i / 3 % 5000 + random.nextInt(4)));
        }
        byte[] stored = compress(compression, predictor == 2 ? difference16(raw, width) : raw);
        Path f = tmp.resolve("strip.tif");
        Files.write(f, SingleStripTiff.of(width, height, 16, compression, predictor, stored));
        try (TiffReader r = TiffReader.open(f)) {
            double[] whole = new double[width * height];
            r.readPlane(0, whole);
            double[] expected = new double[width * height];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = v.getShort(2 * i) & 0xffff;
            }
            assertArrayEquals(expected, whole);
            double[] band = new double[33 * width];
            int[] starts = {0, 33, 66, 400, 433, 100, 667}; // forwards, then back (a restart), then to the end
            for (int y0 : starts) {
                int y1 = Math.min(height, y0 + 33);
                r.readRows(0, y0, y1, band);
                assertArrayEquals(Arrays.copyOfRange(whole, y0 * width, y1 * width),
                        Arrays.copyOf(band, (y1 - y0) * width), "rows " + y0 + ".." + y1);
            }
        }
    }

    /**
     * A 16384² single-strip Deflate image of zeros (about 250 KB) read in 32-row bands: decoded once, not once per
     * band (that inflated up to 256 MB for each of 512 bands, minutes in all). The bound is generous; it only
     * separates once from 512 times.
     */
    @Test
    void aSingleStripImageReadInBandsIsInflatedOnce() throws Exception {
        int side = 16384;
        byte[] stored = compress(8, new byte[side * side]);
        Path f = tmp.resolve("zeros.tif");
        Files.write(f, SingleStripTiff.of(side, side, 8, 8, 1, stored));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (TiffReader r = TiffReader.open(f)) {
                double[] band = new double[32 * side];
                for (int y = 0; y < side; y += 32) {
                    r.readRows(0, y, y + 32, band);
                }
            }
        });
    }
}
