package org.convpaint.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.convpaint.image.PixelType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrays written by {@link ZarrArrayWriter} read back by {@link ZarrArray}: every data type with every codec, in
 * v2 and v3, with both chunk key separators, on a shape whose last chunks are partial; any region read equals the
 * same region of the formula the array was written from.
 */
class ZarrRoundTripTest {
    static final long[] SHAPE = {3, 37, 50};
    static final int[] CHUNKS = {2, 16, 16};

    @TempDir
    Path tmp;

    static List<ZarrCompressor> compressors(ZarrFormat format) {
        List<ZarrCompressor> list = new ArrayList<>();
        list.add(ZarrCompressor.none());
        list.add(ZarrCompressor.zstd(3));
        list.add(new ZarrCompressor(ZarrCompressor.Kind.GZIP, 5, null, 0));
        if (format == ZarrFormat.V2) {
            list.add(new ZarrCompressor(ZarrCompressor.Kind.ZLIB, 1, null, 0));
        }
        for (String cname : new String[] {"lz4", "zstd", "zlib", "blosclz"}) {
            for (int shuffle = 0; shuffle <= 2; shuffle++) {
                list.add(new ZarrCompressor(ZarrCompressor.Kind.BLOSC, 5, cname, shuffle));
            }
        }
        return list;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ZarrFormat format : ZarrFormat.values()) {
            for (String sep : new String[] {".", "/"}) {
                for (ZarrCompressor c : compressors(format)) {
                    for (PixelType t : PixelType.values()) {
                        cases.add(Arguments.of(format, sep, c, t));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} sep {1} {2} {3}")
    @MethodSource("cases")
    void writtenArrayReadsBackTheSameValuesInEveryRegion(ZarrFormat format, String sep, ZarrCompressor c,
            PixelType t) throws Exception {
        Path dir = tmp.resolve("a.zarr");
        ZarrArrayWriter w = ZarrArrayWriter.create(dir, new ZarrArraySpec(format, SHAPE, CHUNKS, t, c, 0, sep));
        // chunk-aligned bands: 2 then 1 along dim 0, 16, 16 then 5 along dim 1, all of dim 2
        for (long z : new long[] {0, 2}) {
            for (long y : new long[] {0, 16, 32}) {
                long[] off = {z, y, 0};
                int[] size = {(int) Math.min(2, SHAPE[0] - z), (int) Math.min(16, SHAPE[1] - y), 50};
                w.write(off, size, ZarrValues.region(t, SHAPE, off, size));
            }
        }
        String prefix = format == ZarrFormat.V3 ? "c" + sep : "";
        Path lastChunk = dir.resolve(prefix + String.join(sep, "1", "2", "3"));
        assertTrue(Files.isRegularFile(lastChunk), lastChunk.toString());
        if (c.kind() == ZarrCompressor.Kind.NONE) {
            assertEquals(2 * 16 * 16 * t.bytes(), Files.size(lastChunk), "edge chunks are stored full-size");
        }

        ZarrArray a = ZarrArray.open(dir, 1 << 20);
        assertEquals(format, a.format());
        assertEquals(t, a.dataType());
        assertArrayEquals(SHAPE, a.shape());
        assertArrayEquals(CHUNKS, a.chunks());
        assertEquals(0.0, a.fillValue());
        for (long[][] r : regions()) {
            long[] off = r[0];
            int[] size = {(int) r[1][0], (int) r[1][1], (int) r[1][2]};
            double[] got = new double[size[0] * size[1] * size[2]];
            a.read(off, size, got);
            assertArrayEquals(ZarrValues.region(t, SHAPE, off, size), got, 0.0,
                    () -> "region " + java.util.Arrays.toString(off) + " + " + java.util.Arrays.toString(size));
        }
        assertFalse(Files.exists(dir.resolve("lost")));
    }

    /** The whole array, single elements, rows, planes, chunk-crossing boxes, and random boxes. */
    static List<long[][]> regions() {
        List<long[][]> list = new ArrayList<>();
        list.add(new long[][] {{0, 0, 0}, {3, 37, 50}});
        list.add(new long[][] {{2, 36, 49}, {1, 1, 1}});
        list.add(new long[][] {{1, 20, 0}, {1, 1, 50}});
        list.add(new long[][] {{2, 0, 0}, {1, 37, 50}});
        list.add(new long[][] {{1, 15, 15}, {2, 2, 2}});
        list.add(new long[][] {{0, 5, 3}, {3, 30, 1}});
        Random random = new Random(42);
        for (int k = 0; k < 12; k++) {
            long[] off = new long[3];
            long[] size = new long[3];
            for (int d = 0; d < 3; d++) {
                off[d] = random.nextInt((int) SHAPE[d]);
                size[d] = 1 + random.nextInt((int) (SHAPE[d] - off[d]));
            }
            list.add(new long[][] {off, size});
        }
        return list;
    }
}
