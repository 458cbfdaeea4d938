package org.convpaint.io.zarr;

/**
 * How chunks are compressed when an array is written. In v2 this is the {@code compressor}; in v3 the codec after
 * {@code bytes}. Immutable.
 *
 * @param kind  the codec
 * @param level compression level (zstd 1..22, gzip/zlib 0..9, blosc clevel 0..9); ignored for {@link Kind#NONE}
 * @param bloscCodec blosc's inner codec ({@code lz4}, {@code zstd}, {@code zlib}, {@code blosclz}, {@code lz4hc});
 *                   only for {@link Kind#BLOSC}
 * @param shuffle blosc shuffle: 0 none, 1 byte, 2 bit; only for {@link Kind#BLOSC}
 */
public record ZarrCompressor(Kind kind, int level, String bloscCodec, int shuffle) {

    /** Codecs this layer writes. */
    public enum Kind {
        NONE,
        ZSTD,
        GZIP,
        ZLIB,
        BLOSC
    }

    /** No compression. */
    public static ZarrCompressor none() {
        return new ZarrCompressor(Kind.NONE, 0, null, 0);
    }

    /** zstd at {@code level}. */
    public static ZarrCompressor zstd(int level) {
        return new ZarrCompressor(Kind.ZSTD, level, null, 0);
    }

    /** blosc with zstd inside, byte shuffle, at {@code level} (numcodecs' and ome-zarr-py's usual choice). */
    public static ZarrCompressor bloscZstd(int level) {
        return new ZarrCompressor(Kind.BLOSC, level, "zstd", 1);
    }
}
