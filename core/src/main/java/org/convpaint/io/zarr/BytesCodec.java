package org.convpaint.io.zarr;

import java.nio.file.Path;

import org.convpaint.InvalidInputException;

/**
 * One bytes-to-bytes step of a chunk's encoding (a v2 compressor, or a v3 bytes-to-bytes codec). Implementations
 * are immutable and thread-safe; decoding never allocates more than the size it is told to expect.
 */
interface BytesCodec {
    /** Name for messages and metadata ({@code gzip}, {@code blosc}, ...). */
    String name();

    /**
     * The exact encoded size of {@code decodedBytes} bytes, or -1 when it depends on the data (compressors, the
     * default).
     */
    default long encodedBytes(long decodedBytes) {
        return -1;
    }

    /** The largest encoded size accepted when decoding to {@code decodedBytes} bytes ({@link #compressedBound}). */
    default long maxEncodedBytes(long decodedBytes) {
        return compressedBound(decodedBytes);
    }

    /**
     * Decodes {@code in} to exactly {@code decodedBytes} bytes ({@code -1}: whatever this codec's size-preserving
     * decoding gives; compressors are always told the size).
     *
     * @throws InvalidInputException naming {@code chunk}: damaged data, or data that decodes to another size
     */
    byte[] decode(byte[] in, int decodedBytes, Path chunk) throws InvalidInputException;

    /** Encodes {@code in}. */
    byte[] encode(byte[] in);

    /** The error for damaged data: {@code damaged chunk: invalid NAME data (DETAIL)}. */
    static InvalidInputException damaged(String name, String detail, Path chunk) {
        return new InvalidInputException("damaged chunk: invalid " + name + " data ("
                + MetadataFiles.oneLine(detail) + ")", chunk);
    }

    /** The error for data that decodes to fewer bytes than a chunk holds. */
    static InvalidInputException tooFew(String name, long found, long expected, Path chunk) {
        return new InvalidInputException("damaged chunk: " + name + " data decodes to " + found + " bytes, expected "
                + expected + " (too few: truncated or wrong chunk size)", chunk);
    }

    /** The error for data that decodes to more bytes than a chunk holds. */
    static InvalidInputException tooMany(String name, long expected, Path chunk) {
        return new InvalidInputException("damaged chunk: " + name + " data decodes to more than the expected "
                + expected + " bytes (wrong chunk size)", chunk);
    }

    /** Bound of a compressed chunk of {@code n} bytes: twice its size plus 1 MiB (no codec expands more). */
    static long compressedBound(long n) {
        return 2 * n + (1 << 20);
    }
}
