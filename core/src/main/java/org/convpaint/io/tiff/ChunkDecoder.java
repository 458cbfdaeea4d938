package org.convpaint.io.tiff;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.convpaint.InvalidInputException;

/**
 * Reads one compressed strip or tile of a page and returns its pixels uncompressed and with the predictor undone:
 * {@code decodedRows * chunkWidth * samplesInChunk} samples in the file's byte order (JPEG YCbCr: RGB). Dispatches
 * to the codec classes (LZW, PackBits, Deflate here, {@link ZstdDecoder}, {@link LzmaDecoder},
 * {@link JpegDecoder}); damaged data fail with {@code damaged <chunk>: ...}. Uncompressed chunks are read directly
 * by {@link PlaneReader}. Each call allocates its own buffers, so concurrent calls are safe.
 */
final class ChunkDecoder {
    private ChunkDecoder() {
    }

    /**
     * @param page a page whose compression is not {@link Compression#NONE}
     * @param what names the chunk in messages, e.g. "page 2 strip 5"
     * @return the decoded bytes, or null for an empty chunk (byte count 0: all pixels are 0)
     */
    static byte[] decode(TiffInput in, Page page, int chunk, String what) throws InvalidInputException {
        long stored = page.byteCount(chunk);
        if (stored == 0) {
            return null;
        }
        int expected = (int) page.decodedBytes(chunk);
        byte[] src = in.read(page.offset(chunk), stored, what).array();
        byte[] dst = new byte[expected];
        int n = switch (page.compression) {
            case LZW -> LzwDecoder.decode(src, dst);
            case PACKBITS -> PackBitsDecoder.decode(src, dst);
            case ADOBE_DEFLATE, DEFLATE -> inflate(src, dst, in, what);
            case ZSTD, ZSTD_OLD -> ZstdDecoder.decode(src, dst, in, what);
            case LZMA -> LzmaDecoder.decode(src, dst, in, what);
            case JPEG -> JpegDecoder.decode(src, dst, page, chunk, in, what);
            case NONE -> throw new IllegalArgumentException("uncompressed chunks are read by PlaneReader");
        };
        if (n < 0) {
            throw in.error("damaged " + what + ": invalid " + page.compression.name() + " data");
        }
        if (n < expected) {
            throw in.error("damaged " + what + ": decodes to " + n + " bytes instead of " + expected);
        }
        Predictors.undo(page, dst, page.decodedRows(chunk), in.order());
        return dst;
    }

    private static int inflate(byte[] src, byte[] dst, TiffInput in, String what) throws InvalidInputException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src);
            int out = 0;
            while (out < dst.length) {
                int n = inflater.inflate(dst, out, dst.length - out);
                out += n;
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            return out;
        } catch (DataFormatException e) {
            throw in.error("damaged " + what + ": invalid Deflate data (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }
}
