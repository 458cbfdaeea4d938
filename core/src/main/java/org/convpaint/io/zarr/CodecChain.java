package org.convpaint.io.zarr;

import java.nio.file.Path;
import java.util.List;

import org.convpaint.InvalidInputException;

/**
 * The bytes-to-bytes codecs of a chunk in encoding order (empty: stored raw), at most one of them a compressor,
 * so that the exact input size of every codec is known when decoding. Immutable.
 */
final class CodecChain {
    private final List<BytesCodec> codecs;

    /** @throws IllegalArgumentException if more than one codec compresses */
    CodecChain(List<BytesCodec> codecs) {
        this.codecs = List.copyOf(codecs);
        if (codecs.stream().filter(c -> c.encodedBytes(1) < 0).count() > 1) {
            throw new IllegalArgumentException("more than one compression codec");
        }
    }

    /** No codec: chunks stored raw. */
    static CodecChain raw() {
        return new CodecChain(List.of());
    }

    List<BytesCodec> codecs() {
        return codecs;
    }

    /** The exact stored size of a chunk of {@code chunkBytes} bytes, or -1 if it depends on the data. */
    long exactStoredBytes(long chunkBytes) {
        long n = chunkBytes;
        for (BytesCodec c : codecs) {
            n = c.encodedBytes(n);
            if (n < 0) {
                return -1;
            }
        }
        return n;
    }

    /** The largest stored size accepted for a chunk of {@code chunkBytes} bytes. */
    long maxStoredBytes(long chunkBytes) {
        long n = chunkBytes;
        for (BytesCodec c : codecs) {
            n = c.maxEncodedBytes(n);
        }
        return n;
    }

    /**
     * Decodes a stored chunk to its {@code chunkBytes} bytes.
     *
     * @throws InvalidInputException naming {@code chunk}: damaged data or the wrong size
     */
    byte[] decode(byte[] stored, int chunkBytes, Path chunk) throws InvalidInputException {
        int[] sizes = new int[codecs.size()];
        long n = chunkBytes;
        for (int i = 0; i < codecs.size(); i++) {
            sizes[i] = (int) n;
            n = n < 0 ? -1 : codecs.get(i).encodedBytes(n);
        }
        byte[] data = stored;
        for (int i = codecs.size() - 1; i >= 0; i--) {
            data = codecs.get(i).decode(data, sizes[i], chunk);
        }
        if (data.length != chunkBytes) {
            throw new InvalidInputException("damaged chunk: decodes to " + data.length + " bytes, expected "
                    + chunkBytes + " (wrong chunk size)", chunk);
        }
        return data;
    }

    /** Encodes a chunk's raw bytes. */
    byte[] encode(byte[] raw) {
        byte[] data = raw;
        for (BytesCodec c : codecs) {
            data = c.encode(data);
        }
        return data;
    }
}
