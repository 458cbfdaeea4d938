package org.convpaint.io.tiff;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.convpaint.InvalidInputException;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Decodes one LZMA-compressed chunk (TIFF Compression 34925): an .xz stream (LZMA2 filter), as libtiff
 * ({@code lzma_stream_encoder}) and tifffile ({@code lzma.compress}) write it, with org.tukaani:xz. Decoding stops
 * when the chunk's bytes are complete, as libtiff's does; the rest of the .xz stream (integrity check, index,
 * footer) is then verified, and bytes after the stream are ignored, as libtiff ignores them. The decoder's dictionary is limited to {@value #MEMORY_LIMIT_KIB} KiB (xz -9 needs 65 MiB), so a
 * hostile header cannot make it allocate gigabytes. Damaged or truncated data fail with
 * {@code damaged <chunk>: invalid LZMA data (...)}. Stateless.
 */
final class LzmaDecoder {
    /** The largest LZMA dictionary any decoder of this package allocates, in KiB. */
    static final int MEMORY_LIMIT_KIB = 96 * 1024;

    private LzmaDecoder() {
    }

    /** Decodes {@code src} into {@code dst}; returns the number of bytes decoded (at most {@code dst.length}). */
    static int decode(byte[] src, byte[] dst, TiffInput in, String what) throws InvalidInputException {
        try (SingleXZInputStream xz = new SingleXZInputStream(new ByteArrayInputStream(src), MEMORY_LIMIT_KIB)) {
            int out = 0;
            while (out < dst.length) {
                int n = xz.read(dst, out, dst.length - out);
                if (n < 0) {
                    return out;
                }
                out += n;
            }
            xz.read(); // reads to the end of the .xz stream, verifying its checks; bytes after it are ignored
            return out;
        } catch (MemoryLimitException e) {
            throw damaged(in, what, "needs " + e.getMemoryNeeded() / 1024 + " MiB of memory, more than "
                    + MEMORY_LIMIT_KIB / 1024 + " MiB");
        } catch (IOException | RuntimeException e) {
            throw damaged(in, what, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
    }

    private static InvalidInputException damaged(TiffInput in, String what, String detail) {
        return in.error("damaged " + what + ": invalid LZMA data (" + detail + ")");
    }
}
