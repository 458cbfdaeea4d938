package org.convpaint.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer stores (metadata as zarr-python writes it, skipped fill chunks, refusals), groups, attributes. */
class ZarrWriterAndGroupsTest {
    @TempDir
    Path tmp;

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void v2MetadataIsWhatZarrPythonWrites() throws Exception {
        Path dir = tmp.resolve("a");
        ZarrArrayWriter.create(dir, new ZarrArraySpec(ZarrFormat.V2, new long[] {5, 6}, new int[] {2, 3},
                PixelType.UINT16, ZarrCompressor.bloscZstd(5), 0, "/"));
        String text = Files.readString(dir.resolve(".zarray"));
        assertTrue(text.contains("\n    \"chunks\": ["), text); // indent 4, keys sorted
        assertEquals(JsonParser.parseString("{\"chunks\": [2, 3], \"compressor\": {\"blocksize\": 0, \"clevel\": 5,"
                + " \"cname\": \"zstd\", \"id\": \"blosc\", \"shuffle\": 1}, \"dimension_separator\": \"/\","
                + " \"dtype\": \"<u2\", \"fill_value\": 0, \"filters\": null, \"order\": \"C\", \"shape\": [5, 6],"
                + " \"zarr_format\": 2}"), JsonParser.parseString(text));
        assertEquals(new JsonObject(), json(dir.resolve(".zattrs")));
        Path z = tmp.resolve("z");
        ZarrArrayWriter.create(z, new ZarrArraySpec(ZarrFormat.V2, new long[] {5}, new int[] {2}, PixelType.FLOAT32,
                ZarrCompressor.zstd(7), Double.NaN, "."));
        JsonObject zj = json(z.resolve(".zarray"));
        assertEquals("{\"id\":\"zstd\",\"level\":7}", zj.get("compressor").toString());
        assertEquals("\"NaN\"", zj.get("fill_value").toString());
        assertEquals("\"<f4\"", zj.get("dtype").toString());
    }

    @Test
    void v3MetadataHasTheBytesCodecThenTheCompressor() throws Exception {
        Path dir = tmp.resolve("a");
        ZarrArrayWriter.create(dir, new ZarrArraySpec(ZarrFormat.V3, new long[] {5, 6}, new int[] {2, 3},
                PixelType.INT16, new ZarrCompressor(ZarrCompressor.Kind.BLOSC, 3, "lz4", 2), 1, "."));
        JsonObject j = json(dir.resolve("zarr.json"));
        assertEquals(3, j.get("zarr_format").getAsInt());
        assertEquals("array", j.get("node_type").getAsString());
        assertEquals("int16", j.get("data_type").getAsString());
        assertEquals("{\"name\":\"default\",\"configuration\":{\"separator\":\".\"}}",
                j.get("chunk_key_encoding").toString());
        assertEquals("[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"blosc\","
                + "\"configuration\":{\"typesize\":2,\"cname\":\"lz4\",\"clevel\":3,\"shuffle\":\"bitshuffle\","
                + "\"blocksize\":0}}]", j.get("codecs").toString());
        assertEquals(1, j.get("fill_value").getAsInt());
        assertEquals(new JsonObject(), j.get("attributes"));
    }

    @Test
    void chunksEqualToTheFillValueAreNotStored() throws Exception {
        Path dir = tmp.resolve("a");
        ZarrArrayWriter w = ZarrArrayWriter.create(dir, new ZarrArraySpec(ZarrFormat.V2, new long[] {4, 4},
                new int[] {2, 2}, PixelType.FLOAT32, ZarrCompressor.zstd(1), 2.5, "."));
        double[] v = new double[16];
        java.util.Arrays.fill(v, 2.5);
        v[15] = 1; // only chunk 1.1 differs
        w.write(new long[2], new int[] {4, 4}, v);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(".zarray", ".zattrs", "1.1"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        double[] got = new double[16];
        ZarrArray.open(dir, 0).read(new long[2], new int[] {4, 4}, got);
        assertArrayEquals(v, got);
        w.write(new long[] {2, 2}, new int[] {2, 2}, new double[] {2.5, 2.5, 2.5, 2.5});
        assertFalse(Files.exists(dir.resolve("1.1")), "a chunk rewritten with fill values is removed");
    }

    @Test
    void integerValuesAreRoundedAndClampedToTheType() throws Exception {
        Path dir = tmp.resolve("a");
        ZarrArrayWriter w = ZarrArrayWriter.create(dir, new ZarrArraySpec(ZarrFormat.V3, new long[] {6},
                new int[] {6}, PixelType.UINT8, ZarrCompressor.none(), 0, "/"));
        w.write(new long[1], new int[] {6}, new double[] {-5, 2.5, 3.5, 300, Double.NaN, 7.4});
        double[] got = new double[6];
        ZarrArray.open(dir, 0).read(new long[1], new int[] {6}, got);
        assertArrayEquals(new double[] {0, 2, 4, 255, 0, 7}, got);
    }

    @Test
    void intsAreStoredAsTheirBitsInUint32AndConvertedInSmallerTypes() throws Exception {
        int[] values = {0, 7, -1, Integer.MIN_VALUE, 300, -5};
        ZarrArrayWriter u32 = ZarrArrayWriter.create(tmp.resolve("u32"), new ZarrArraySpec(ZarrFormat.V3,
                new long[] {2, 3}, new int[] {2, 2}, PixelType.UINT32, ZarrCompressor.zstd(1), 0, "/"));
        u32.write(new long[2], new int[] {2, 3}, values);
        double[] got = new double[6];
        ZarrArray.open(tmp.resolve("u32"), 0).read(new long[2], new int[] {2, 3}, got);
        assertArrayEquals(new double[] {0, 7, 4294967295.0, 2147483648.0, 300, 4294967291.0}, got);
        ZarrArrayWriter u8 = ZarrArrayWriter.create(tmp.resolve("u8"), new ZarrArraySpec(ZarrFormat.V2,
                new long[] {2, 3}, new int[] {2, 3}, PixelType.UINT8, ZarrCompressor.none(), 0, "."));
        u8.write(new long[2], new int[] {2, 3}, values);
        ZarrArray.open(tmp.resolve("u8"), 0).read(new long[2], new int[] {2, 3}, got);
        assertArrayEquals(new double[] {0, 7, 0, 0, 255, 0}, got, "clamped as doubles are");
    }

    @Test
    void writerRefusesUnalignedRegionsZlibInV3AndNonEmptyFolders() throws Exception {
        ZarrArrayWriter w = ZarrArrayWriter.create(tmp.resolve("a"), new ZarrArraySpec(ZarrFormat.V2,
                new long[] {5, 5}, new int[] {2, 2}, PixelType.UINT8, ZarrCompressor.none(), 0, "."));
        assertThrows(IllegalArgumentException.class, () -> w.write(new long[] {1, 0}, new int[] {2, 2},
                new double[4]));
        assertThrows(IllegalArgumentException.class, () -> w.write(new long[] {0, 0}, new int[] {3, 2},
                new double[6]));
        assertThrows(IllegalArgumentException.class, () -> w.write(new long[] {4, 4}, new int[] {2, 1},
                new double[2]));
        w.write(new long[] {4, 4}, new int[] {1, 1}, new double[] {9}); // the clipped last chunk
        assertTrue(Files.isRegularFile(tmp.resolve("a/2.2")));
        assertEquals(4, Files.size(tmp.resolve("a/2.2")), "stored full-size");
        assertThrows(IOException.class, () -> ZarrArrayWriter.create(tmp.resolve("a"), w.spec()));
        assertThrows(IllegalArgumentException.class, () -> ZarrArrayWriter.create(tmp.resolve("b"),
                new ZarrArraySpec(ZarrFormat.V3, new long[] {5}, new int[] {2}, PixelType.UINT8,
                        new ZarrCompressor(ZarrCompressor.Kind.ZLIB, 5, null, 0), 0, ".")));
        assertThrows(IllegalArgumentException.class, () -> ZarrArrayWriter.create(tmp.resolve("c"),
                new ZarrArraySpec(ZarrFormat.V2, new long[] {5}, new int[] {2}, PixelType.UINT8,
                        ZarrCompressor.none(), 300, ".")));
        assertThrows(IllegalArgumentException.class, () -> ZarrArrayWriter.create(tmp.resolve("d"),
                new ZarrArraySpec(ZarrFormat.V2, new long[] {5}, new int[] {2}, PixelType.UINT8,
                        new ZarrCompressor(ZarrCompressor.Kind.BLOSC, 5, "snappy", 1), 0, ".")));
        assertFalse(Files.exists(tmp.resolve("b")));
    }

    @Test
    void decodedChunksAreCachedWithinTheByteBound() throws Exception {
        Path dir = tmp.resolve("a");
        ZarrArrayWriter w = ZarrArrayWriter.create(dir, new ZarrArraySpec(ZarrFormat.V2, new long[] {4, 4},
                new int[] {2, 4}, PixelType.UINT8, ZarrCompressor.zstd(1), 0, "."));
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i + 1;
        }
        w.write(new long[2], new int[] {4, 4}, v);
        ZarrArray cached = ZarrArray.open(dir, 1 << 20);
        ZarrArray uncached = ZarrArray.open(dir, 0);
        double[] got = new double[16];
        cached.read(new long[2], new int[] {4, 4}, got);
        Files.delete(dir.resolve("0.0"));
        Files.delete(dir.resolve("1.0"));
        cached.read(new long[2], new int[] {4, 4}, got);
        assertArrayEquals(v, got, "read from the cache after the files are gone");
        uncached.read(new long[2], new int[] {4, 4}, got);
        assertArrayEquals(new double[16], got, "without a cache the missing chunks read as the fill value");
    }

    @Test
    void chunkCacheEvictsTheLeastRecentlyUsed() {
        ChunkCache cache = new ChunkCache(3 * (100 + ChunkCache.ENTRY_BYTES));
        cache.put("a", new byte[100]);
        cache.put("b", new byte[100]);
        cache.put("c", new byte[100]);
        cache.get("a");
        cache.put("d", new byte[100]);
        assertEquals(3, cache.size());
        assertTrue(cache.get("a") != null && cache.get("c") != null && cache.get("d") != null);
        assertEquals(null, cache.get("b"));
        cache.put("huge", new byte[1000]);
        assertEquals(null, cache.get("huge"), "a chunk larger than the cache is not kept");
        assertEquals(3 * (100 + ChunkCache.ENTRY_BYTES), cache.bytes());
    }

    @Test
    void arraysAreToldFromGroupsAndOtherFolders() throws Exception {
        for (ZarrFormat f : ZarrFormat.values()) {
            Path g = tmp.resolve("g" + f);
            ZarrGroups.createGroup(g, f, new JsonObject());
            ZarrArrayWriter.create(g.resolve("0"), new ZarrArraySpec(f, new long[] {4}, new int[] {4},
                    PixelType.UINT8, ZarrCompressor.none(), 0, "/"));
            assertFalse(ZarrGroups.isArray(g), f + " group");
            assertTrue(ZarrGroups.isArray(g.resolve("0")), f + " array");
        }
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("zarr.json"), "{not json");
        assertFalse(ZarrGroups.isArray(broken));
        assertFalse(ZarrGroups.isArray(Files.createDirectories(tmp.resolve("plain"))));
    }

    @Test
    void groupsAndAttributesRoundTripInBothFormats() throws Exception {
        JsonObject attrs = JsonParser.parseString("{\"multiscales\": [{\"version\": \"0.4\"}], \"a<b\": 1}")
                .getAsJsonObject();
        for (ZarrFormat f : ZarrFormat.values()) {
            Path g = tmp.resolve("g" + f);
            ZarrGroups.createGroup(g, f, attrs);
            assertEquals(Optional.of(f), ZarrGroups.formatOf(g));
            assertEquals(attrs, ZarrGroups.attributes(g));
            assertTrue(Files.readString(g.resolve(f == ZarrFormat.V2 ? ".zattrs" : "zarr.json")).contains("\"a<b\""),
                    "no HTML escaping");
            JsonObject other = JsonParser.parseString("{\"x\": [1, 2]}").getAsJsonObject();
            ZarrGroups.writeAttributes(g, f, other);
            assertEquals(other, ZarrGroups.attributes(g));
            try (Stream<Path> files = Files.list(g)) {
                assertEquals(f == ZarrFormat.V2 ? 2 : 1, files.count(), "no temporary files left");
            }
        }
        assertEquals("{\"zarr_format\":2}", json(tmp.resolve("gV2/.zgroup")).toString());
        JsonObject v3 = json(tmp.resolve("gV3/zarr.json"));
        assertEquals("group", v3.get("node_type").getAsString());
        assertEquals(3, v3.get("zarr_format").getAsInt());
        // an array's attributes, kept apart from its metadata
        Path a = tmp.resolve("arr");
        ZarrArrayWriter.create(a, new ZarrArraySpec(ZarrFormat.V3, new long[] {2}, new int[] {2}, PixelType.UINT8,
                ZarrCompressor.none(), 0, "/"));
        ZarrGroups.writeAttributes(a, ZarrFormat.V3, attrs);
        assertEquals(attrs, ZarrGroups.attributes(a));
        assertEquals(PixelType.UINT8, ZarrArray.open(a, 0).dataType());
        assertEquals(Optional.empty(), ZarrGroups.formatOf(tmp));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ZarrGroups.attributes(tmp));
        assertTrue(e.getMessage().startsWith(tmp + ": not a Zarr group or array"), e.getMessage());
    }
}
