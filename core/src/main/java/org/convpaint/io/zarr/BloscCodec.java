package org.convpaint.io.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import com.scalableminds.bloscjava.Blosc;

import org.convpaint.InvalidInputException;

/**
 * Blosc 1 with blosc-java (numcodecs {@code Blosc}, v3 {@code blosc}). Before the native decoder sees a chunk, its
 * 16-byte header is checked here: the decoded size it declares must be the chunk's size and the compressed size
 * the file's length, so the decoder neither allocates for a lie nor reads beyond the data. Immutable.
 *
 * @param cname    inner codec for encoding: {@code lz4}, {@code lz4hc}, {@code blosclz}, {@code zstd}, {@code zlib}
 * @param clevel   level 0..9 for encoding
 * @param shuffle  0 none, 1 byte, 2 bit, for encoding
 * @param typesize element size in bytes (shuffle unit) for encoding
 */
record BloscCodec(String cname, int clevel, int shuffle, int typesize) implements BytesCodec {
    /** The inner codecs blosc-java has. */
    static final List<String> CNAMES = List.of("lz4", "lz4hc", "blosclz", "zstd", "zlib");
    /** v3 names of the shuffles 0, 1, 2. */
    static final List<String> V3_SHUFFLES = List.of("noshuffle", "shuffle", "bitshuffle");
    private static final int HEADER = 16;
    private static final int FLAG_MEMCPYED = 0x02;

    BloscCodec {
        if (!CNAMES.contains(cname)) {
            throw new IllegalArgumentException("blosc codec must be one of " + CNAMES + ", not " + cname);
        }
        if (clevel < 0 || clevel > 9) {
            throw new IllegalArgumentException("blosc level must be 0..9, not " + clevel);
        }
        if (shuffle < 0 || shuffle > 2) {
            throw new IllegalArgumentException("blosc shuffle must be 0, 1 or 2, not " + shuffle);
        }
    }

    @Override
    public String name() {
        return "blosc";
    }

    @Override
    public byte[] decode(byte[] in, int decodedBytes, Path chunk) throws InvalidInputException {
        if (in.length < HEADER) {
            throw BytesCodec.damaged(name(), in.length + " bytes, shorter than the 16-byte header", chunk);
        }
        ByteBuffer h = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        int version = h.get(0) & 0xff;
        int flags = h.get(2) & 0xff;
        int type = h.get(3) & 0xff;
        long nbytes = h.getInt(4) & 0xffffffffL;
        long blocksize = h.getInt(8) & 0xffffffffL;
        long cbytes = h.getInt(12) & 0xffffffffL;
        if (nbytes != decodedBytes) {
            throw new InvalidInputException("damaged chunk: blosc header declares " + nbytes + " decoded bytes, "
                    + "expected " + decodedBytes + " (wrong chunk size)", chunk);
        }
        if (cbytes > in.length) {
            throw new InvalidInputException("damaged chunk: blosc header declares " + cbytes + " compressed bytes, "
                    + "the file has " + in.length + " (truncated)", chunk);
        }
        if (cbytes < in.length) {
            throw new InvalidInputException("damaged chunk: blosc header declares " + cbytes + " compressed bytes, "
                    + "the file has " + in.length + " (data after the blosc frame)", chunk);
        }
        if (version == 0 || version > 2 || type == 0) {
            throw BytesCodec.damaged(name(), "header version " + version + ", typesize " + type, chunk);
        }
        if ((flags & FLAG_MEMCPYED) != 0 ? cbytes != nbytes + HEADER : blocksize == 0 && nbytes > 0) {
            throw BytesCodec.damaged(name(), "inconsistent header", chunk);
        }
        byte[] out;
        try {
            out = Blosc.decompress(in);
        } catch (LinkageError e) {
            throw new InvalidInputException("cannot decode blosc chunk: the blosc native library is not available "
                    + "on this platform (" + e + ")", chunk);
        } catch (Exception e) { // the native side may throw any exception class
            throw BytesCodec.damaged(name(), String.valueOf(e.getMessage()), chunk);
        }
        if (out == null || out.length != decodedBytes) {
            throw BytesCodec.damaged(name(), "decoded " + (out == null ? "nothing" : out.length + " bytes")
                    + ", expected " + decodedBytes, chunk);
        }
        return out;
    }

    @Override
    public byte[] encode(byte[] in) {
        return Blosc.compress(in, typesize, Blosc.Compressor.fromString(cname), clevel,
                Blosc.Shuffle.fromInt(shuffle), 0, 1);
    }
}
