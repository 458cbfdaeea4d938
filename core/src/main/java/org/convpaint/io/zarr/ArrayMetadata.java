package org.convpaint.io.zarr;

import java.nio.file.Path;

import org.convpaint.InvalidInputException;

/**
 * What reading and writing an array needs from its metadata, format-independent. Arrays are not copied: holders
 * must not modify them.
 *
 * @param format    v2 or v3
 * @param shape     sizes in C order
 * @param chunks    chunk sizes
 * @param dtype     stored element type
 * @param order     storage order of a chunk's elements: the dimensions from slowest to fastest (C order: 0, 1, ..;
 *                  F order: .., 1, 0; or a v3 transpose's order)
 * @param fillValue value of chunks never written, as the element type holds it
 * @param keys      chunk file names
 * @param codecs    bytes-to-bytes codecs of a chunk
 */
record ArrayMetadata(ZarrFormat format, long[] shape, int[] chunks, DType dtype, int[] order, double fillValue,
        ChunkKeys keys, CodecChain codecs) {
    /** Largest rank accepted. */
    static final int MAX_RANK = 32;
    /** Largest decoded chunk accepted: 1 GiB. */
    static final long MAX_CHUNK_BYTES = 1L << 30;

    /** Elements in a chunk (full size, also at the array's end). */
    int chunkElements() {
        long n = 1;
        for (int c : chunks) {
            n *= c;
        }
        return (int) n;
    }

    /** Bytes of a decoded chunk. */
    int chunkBytes() {
        return chunkElements() * dtype.size();
    }

    /** Element strides of each dimension inside a decoded chunk, from {@link #order}. */
    int[] chunkStrides() {
        int[] strides = new int[chunks.length];
        int s = 1;
        for (int i = order.length - 1; i >= 0; i--) {
            strides[order[i]] = s;
            s *= chunks[order[i]];
        }
        return strides;
    }

    /**
     * Checks rank, shape and chunk sizes of metadata read from {@code file}.
     *
     * @throws InvalidInputException naming {@code file}: rank 0 or above 32, rank mismatch, negative sizes, chunk
     *                               sizes below 1, or a chunk of more than 1 GiB
     */
    static void checkGrid(long[] shape, long[] chunks, int itemSize, Path file) throws InvalidInputException {
        if (shape.length == 0 || shape.length > MAX_RANK) {
            throw new InvalidInputException("arrays of " + shape.length + " dimensions are not supported "
                    + "(1 to " + MAX_RANK + ")", file);
        }
        if (chunks.length != shape.length) {
            throw new InvalidInputException("invalid Zarr metadata: the chunk shape has " + chunks.length
                    + " dimensions, the array " + shape.length, file);
        }
        long bytes = itemSize;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new InvalidInputException("invalid Zarr metadata: negative size " + shape[d] + " in the shape",
                        file);
            }
            if (chunks[d] < 1) {
                throw new InvalidInputException("invalid Zarr metadata: chunk size " + chunks[d] + " (must be "
                        + "at least 1)", file);
            }
            // both factors are at most 2^30 + 1 here: no overflow
            bytes = Math.min(MAX_CHUNK_BYTES + 1, bytes * Math.min(chunks[d], MAX_CHUNK_BYTES + 1));
        }
        if (bytes > MAX_CHUNK_BYTES) {
            throw new InvalidInputException("chunks larger than the 1 GiB this reader accepts: the metadata is "
                    + "damaged or the array must be rechunked", file);
        }
    }

    /** {@code chunks} as ints, once {@link #checkGrid} accepted them. */
    static int[] toInts(long[] chunks) {
        int[] c = new int[chunks.length];
        for (int d = 0; d < c.length; d++) {
            c[d] = (int) chunks[d];
        }
        return c;
    }
}
