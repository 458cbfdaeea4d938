package org.convpaint.io.tiff;

import org.convpaint.InvalidInputException;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/**
 * Decodes one zstd-compressed chunk (TIFF Compression 50000, or 34926 of older writers) with zstd-jni into an
 * output buffer of the chunk's exact decoded size: one or more zstd frames, as libtiff and imagecodecs write them,
 * each decoded in one shot straight into the buffer (no window buffers are allocated).
 * A frame that declares a content size larger than the buffer, data that decodes to more than the buffer, and
 * damaged data fail with {@code damaged <chunk>: invalid zstd data (...)}; the native decoder never writes
 * beyond the buffer. Stateless.
 */
final class ZstdDecoder {
    private ZstdDecoder() {
    }

    /**
     * Decodes the frames of {@code src} into {@code dst} until it is full, as libtiff does (bytes after that are
     * ignored); returns the number of bytes decoded (at most {@code dst.length}).
     */
    static int decode(byte[] src, byte[] dst, TiffInput in, String what) throws InvalidInputException {
        try {
            int at = 0;
            int out = 0;
            while (out < dst.length && at < src.length) {
                long declared = Zstd.getFrameContentSize(src, at, src.length - at);
                if (declared > dst.length - out) {
                    throw damaged(in, what, "frame declares " + declared + " bytes, more than the " + dst.length
                            + " bytes of the chunk");
                }
                long frame = Zstd.findFrameCompressedSize(src, at, src.length - at);
                if (Zstd.isError(frame)) {
                    throw damaged(in, what, Zstd.getErrorName(frame));
                }
                long n = Zstd.decompressByteArray(dst, out, dst.length - out, src, at, (int) frame);
                if (Zstd.isError(n)) {
                    throw damaged(in, what, Zstd.getErrorName(n));
                }
                out += (int) n;
                at += (int) frame;
            }
            return out;
        } catch (ZstdException e) {
            throw damaged(in, what, e.getMessage());
        } catch (LinkageError e) {
            throw in.error("cannot decode zstd " + what + ": the zstd native library is not available on this "
                    + "platform (" + e + ")");
        } catch (RuntimeException e) {
            throw damaged(in, what, String.valueOf(e));
        }
    }

    private static InvalidInputException damaged(TiffInput in, String what, String detail) {
        return in.error("damaged " + what + ": invalid zstd data (" + detail + ")");
    }
}
