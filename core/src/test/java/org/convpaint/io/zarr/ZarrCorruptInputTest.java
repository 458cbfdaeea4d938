package org.convpaint.io.zarr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import com.github.luben.zstd.Zstd;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged, hostile and unsupported stores: each fails with one {@link InvalidInputException} whose single line
 * names the file and says what is wrong; nothing is allocated for sizes the input only claims.
 */
class ZarrCorruptInputTest {
    /** Chunks of 2 x 3 x 4 uint8: 24 bytes. */
    private static final int CHUNK_BYTES = 24;

    @TempDir
    Path tmp;

    private static String zarray(String dtype, String compressor) {
        return "{'zarr_format': 2, 'shape': [4, 3, 4], 'chunks': [2, 3, 4], 'dtype': '" + dtype + "', "
                + "'order': 'C', 'compressor': " + compressor + ", 'fill_value': 0, 'filters': null}";
    }

    /** A v2 uint8 store with {@code compressor} whose chunk 0.0.0 holds {@code chunk}; returns the chunk file. */
    private Path store(String name, String compressor, byte[] chunk) throws Exception {
        Path dir = tmp.resolve(name);
        HandStores.text(dir, ".zarray", zarray("|u1", compressor));
        return HandStores.bytes(dir, "0.0.0", chunk);
    }

    /** Reading chunk 0.0.0 of the store of {@code chunk} fails naming it, with {@code message} in the line. */
    private static void assertReadFails(Path chunk, String message) {
        assertReadFails(chunk.getParent(), chunk, message);
    }

    /** As above, for the array in {@code dir}. */
    private static void assertReadFails(Path dir, Path chunk, String message) {
        assertFails(chunk, message, () -> ZarrArray.open(dir, 1 << 20)
                .read(new long[3], new int[] {2, 3, 4}, new double[CHUNK_BYTES]));
    }

    private static void assertFails(Path file, String message, Executable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private void assertOpenFails(String file, String json, String message) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "meta");
        Path f = HandStores.text(dir, file, json);
        assertFails(f, message, () -> ZarrArray.open(dir, 0));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void uncompressedChunkOfTheWrongSizeIsTruncatedOrTooLarge() throws Exception {
        assertReadFails(store("short", "null", new byte[10]),
                "uncompressed chunk file has 10 bytes, expected 24 (truncated)");
        assertReadFails(store("long", "null", new byte[30]),
                "uncompressed chunk file has 30 bytes, expected 24 (too large");
    }

    @Test
    void compressedChunkLargerThanAnyCodecMakesIsRefusedBeforeReading() throws Exception {
        for (String c : new String[] {"{'id': 'gzip'}", "{'id': 'zstd'}", "{'id': 'blosc'}", "{'id': 'zlib'}"}) {
            assertReadFails(store("big", c, new byte[(1 << 20) + 49]),
                    "chunk file has 1048625 bytes, more than the 1048624 bytes a compressed chunk of 24 bytes");
        }
    }

    @Test
    void garbageCompressedDataIsDamagedForEveryCodec() throws Exception {
        assertReadFails(store("gzip", "{'id': 'gzip'}", random(40)), "damaged chunk: invalid gzip data (");
        assertReadFails(store("zlib", "{'id': 'zlib'}", random(40)), "damaged chunk: invalid zlib data (");
        assertReadFails(store("zstd", "{'id': 'zstd'}", random(40)), "damaged chunk: invalid zstd data (");
        byte[] blosc = random(40);
        ByteBuffer.wrap(blosc).order(ByteOrder.LITTLE_ENDIAN).put(0, (byte) 2).put(1, (byte) 1).put(2, (byte) 1)
                .put(3, (byte) 1).putInt(4, CHUNK_BYTES).putInt(8, CHUNK_BYTES).putInt(12, 40);
        assertReadFails(store("blosc", "{'id': 'blosc'}", blosc), "damaged chunk: invalid blosc data (");
        assertReadFails(store("blosc-short", "{'id': 'blosc'}", new byte[10]),
                "invalid blosc data (10 bytes, shorter than the 16-byte header)");
    }

    @Test
    void compressedDataOfAnotherSizeSaysTooFewOrTooMany() throws Exception {
        assertReadFails(store("gzip-few", "{'id': 'gzip'}", HandStores.gzip(new byte[10])),
                "gzip data decodes to 10 bytes, expected 24 (too few");
        assertReadFails(store("gzip-many", "{'id': 'gzip'}", HandStores.gzip(new byte[25])),
                "gzip data decodes to more than the expected 24 bytes");
        assertReadFails(store("zlib-few", "{'id': 'zlib'}", zlib(new byte[10])),
                "zlib data decodes to 10 bytes, expected 24 (too few");
        assertReadFails(store("zlib-many", "{'id': 'zlib'}", zlib(new byte[1000])),
                "zlib data decodes to more than the expected 24 bytes");
        assertReadFails(store("zlib-cut", "{'id': 'zlib'}", Arrays.copyOf(zlib(random(24)), 12)),
                "invalid zlib data (");
        assertReadFails(store("zstd-few", "{'id': 'zstd'}", Zstd.compress(new byte[10])),
                "zstd data decodes to 10 bytes, expected 24 (too few");
        assertReadFails(store("zstd-many", "{'id': 'zstd'}", Zstd.compress(new byte[100_000])),
                "zstd frame declares 100000 bytes, more than the 24 bytes left");
    }

    @Test
    void bloscHeaderLyingAboutSizesIsRefusedBeforeDecoding() throws Exception {
        byte[] good = com.scalableminds.bloscjava.Blosc.compress(random(CHUNK_BYTES), 1,
                com.scalableminds.bloscjava.Blosc.Compressor.LZ4);
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Integer.MAX_VALUE);
        assertReadFails(store("nbytes", "{'id': 'blosc'}", huge),
                "blosc header declares 2147483647 decoded bytes, expected 24");
        assertReadFails(store("cut", "{'id': 'blosc'}", Arrays.copyOf(good, good.length - 1)),
                "blosc header declares " + good.length + " compressed bytes, the file has " + (good.length - 1)
                        + " (truncated)");
        assertReadFails(store("tail", "{'id': 'blosc'}", Arrays.copyOf(good, good.length + 3)),
                "(data after the blosc frame)");
    }

    @Test
    void crc32cMismatchIsDamaged() throws Exception {
        Path dir = tmp.resolve("crc");
        HandStores.text(dir, "zarr.json", "{'zarr_format': 3, 'node_type': 'array', 'shape': [2, 3, 4], "
                + "'data_type': 'uint8', 'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': "
                + "[2, 3, 4]}}, 'chunk_key_encoding': {'name': 'default'}, 'fill_value': 0, 'codecs': "
                + "[{'name': 'bytes'}, {'name': 'crc32c'}]}");
        assertReadFails(dir, HandStores.bytes(dir, "c/0/0/0", new byte[28]), "crc32c checksum mismatch");
    }

    @Test
    void unsupportedCodecsFiltersAndDtypesAreNamed() throws Exception {
        assertOpenFails(".zarray", zarray("|u1", "{'id': 'lz4'}"),
                "compressor lz4 is not supported (supported: blosc, zstd, gzip, zlib)");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("'filters': null",
                "'filters': [{'id': 'delta', 'dtype': '|u1'}]"), "filter delta is not supported");
        assertOpenFails(".zarray", zarray("<i8", "null"), "dtype <i8 is not supported (supported: |u1 |i1 <u2");
        assertOpenFails(".zarray", zarray("|b1", "null"), "dtype |b1 is not supported");
        assertOpenFails(".zarray", zarray("<u8", "null"), "dtype <u8 is not supported");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("'C'", "'K'"), "order \"K\" is not supported");
        assertOpenFails(".zarray", zarray("|u1", "{'id': 'blosc', 'cname': 'snappy'}"),
                "blosc cname snappy is not supported");
        assertOpenFails("zarr.json", v3("int64", "[{'name': 'bytes', 'configuration': {'endian': 'little'}}]"),
                "data_type int64 is not supported (supported: uint8 int8");
        assertOpenFails("zarr.json", v3("bool", "[{'name': 'bytes'}]"), "data_type bool is not supported");
        assertOpenFails("zarr.json", v3("uint8", "[{'name': 'bytes'}, {'name': 'lzma'}]"),
                "codec lzma is not supported (supported: transpose, bytes, gzip, zstd, blosc, crc32c)");
        assertOpenFails("zarr.json", v3("uint8", "[{'name': 'sharding_indexed', 'configuration': {}}]"),
                "sharded arrays are not supported yet");
        assertOpenFails("zarr.json", v3("uint16", "[{'name': 'bytes'}]"), "needs \"endian\" for uint16");
        assertOpenFails("zarr.json", v3("float32", "[{'name': 'bytes', 'configuration': {'endian': 'little'}}]")
                .replace("'fill_value': 0", "'fill_value': '0x7fc00000'"), "fill_value \"0x7fc00000\" is not "
                + "supported");
        assertOpenFails("zarr.json", v3("uint8", "[{'name': 'bytes'}]").replace("'default'", "'fancy'"),
                "chunk key encoding \"fancy\" is not supported");
        assertOpenFails("zarr.json", v3("uint8", "[{'name': 'bytes'}, {'name': 'gzip'}, {'name': 'zstd'}]"),
                "more than one compression codec is not supported");
    }

    private static String v3(String type, String codecs) {
        return "{'zarr_format': 3, 'node_type': 'array', 'shape': [2, 3, 4], 'data_type': '" + type + "', "
                + "'chunk_grid': {'name': 'regular', 'configuration': {'chunk_shape': [2, 3, 4]}}, "
                + "'chunk_key_encoding': {'name': 'default'}, 'fill_value': 0, 'codecs': " + codecs + "}";
    }

    @Test
    void missingOrInvalidMetadataIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertFails(empty, "not a Zarr array: no .zarray or zarr.json", () -> ZarrArray.open(empty, 0));
        assertOpenFails(".zarray", "{'zarr_format': 2, 'shape': [", "invalid JSON (");
        assertOpenFails(".zarray", "[1, 2]", "expected a JSON object");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("'shape': [4, 3, 4], ", ""),
                "invalid Zarr metadata: \"shape\" is missing");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("[4, 3, 4]", "[4, -3, 4]"), "negative size -3");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("[4, 3, 4]", "[4, 3.5, 4]"),
                "shape entry must be an integer");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("[4, 3, 4]", "[4, 1e30, 4]"),
                "shape entry must be an integer");
        String rank33 = "[" + "1, ".repeat(32) + "1]";
        assertOpenFails(".zarray", zarray("|u1", "null").replace("[4, 3, 4]", rank33).replace("[2, 3, 4]",
                rank33), "arrays of 33 dimensions are not supported");
        assertOpenFails(".zarray", zarray("<f8", "null").replace("[2, 3, 4]", "[100000, 100000, 4]"),
                "chunks larger than the 1 GiB this reader accepts");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("[2, 3, 4]", "[2, 0, 4]"), "chunk size 0");
        assertOpenFails(".zarray", zarray("|u1", "null").replace("'zarr_format': 2", "'zarr_format': 3"),
                "zarr_format 3 in a .zarray file is not supported");
        assertOpenFails(".zarray", " ".repeat(MetadataFiles.MAX_BYTES) + "{}", "more than the 1048576 bytes");
        Path group = tmp.resolve("group");
        HandStores.text(group, "zarr.json", "{'zarr_format': 3, 'node_type': 'group'}");
        assertFails(group.resolve("zarr.json"), "not a Zarr array: node_type is \"group\"",
                () -> ZarrArray.open(group, 0));
    }

    @Test
    void regionOutsideTheArrayIsAnArgumentError() throws Exception {
        Path dir = tmp.resolve("a");
        ZarrArrayWriter.create(dir, new ZarrArraySpec(ZarrFormat.V2, new long[] {4, 5}, new int[] {2, 2},
                PixelType.UINT8, ZarrCompressor.none(), 0, "."));
        ZarrArray a = ZarrArray.open(dir, 0);
        assertThrows(IllegalArgumentException.class, () -> a.read(new long[] {3, 0}, new int[] {2, 1}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> a.read(new long[] {0, 0}, new int[] {2, 2}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> a.read(new long[] {0}, new int[] {1}, new double[1]));
    }

    private static byte[] zlib(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }
}
