package org.convpaint.io.zarr;

import java.nio.file.Path;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import org.convpaint.InvalidInputException;

/**
 * zstd with zstd-jni (numcodecs {@code Zstd}, v3 {@code zstd}). Decoding goes frame by frame straight into a
 * buffer of the expected size: a frame declaring more than is left, data that would decode to more, data left
 * after the buffer is full, and damaged data fail; the native decoder never writes beyond the buffer. Immutable.
 *
 * @param level    compression level for encoding
 * @param checksum v3 {@code checksum} (written to the metadata; frames are written without one)
 */
record ZstdCodec(int level, boolean checksum) implements BytesCodec {

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public byte[] decode(byte[] in, int decodedBytes, Path chunk) throws InvalidInputException {
        try {
            byte[] out = new byte[decodedBytes];
            int at = 0;
            int n = 0;
            while (at < in.length) {
                long declared = Zstd.getFrameContentSize(in, at, in.length - at);
                if (declared > decodedBytes - n) {
                    throw new InvalidInputException("damaged chunk: zstd frame declares " + declared
                            + " bytes, more than the " + (decodedBytes - n) + " bytes left of the chunk's "
                            + decodedBytes + " (wrong chunk size)", chunk);
                }
                long frame = Zstd.findFrameCompressedSize(in, at, in.length - at);
                if (Zstd.isError(frame)) {
                    throw BytesCodec.damaged(name(), Zstd.getErrorName(frame), chunk);
                }
                if (n == decodedBytes) {
                    throw BytesCodec.tooMany(name(), decodedBytes, chunk);
                }
                long k = Zstd.decompressByteArray(out, n, decodedBytes - n, in, at, (int) frame);
                if (Zstd.isError(k)) {
                    if (Zstd.getErrorCode(k) == Zstd.errDstSizeTooSmall()) {
                        throw BytesCodec.tooMany(name(), decodedBytes, chunk);
                    }
                    throw BytesCodec.damaged(name(), Zstd.getErrorName(k), chunk);
                }
                n += (int) k;
                at += (int) frame;
            }
            if (n < decodedBytes) {
                throw BytesCodec.tooFew(name(), n, decodedBytes, chunk);
            }
            return out;
        } catch (ZstdException e) {
            if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
                throw BytesCodec.tooMany(name(), decodedBytes, chunk);
            }
            throw BytesCodec.damaged(name(), e.getMessage(), chunk);
        } catch (LinkageError e) {
            throw new InvalidInputException("cannot decode zstd chunk: the zstd native library is not available "
                    + "on this platform (" + e + ")", chunk);
        } catch (RuntimeException e) {
            throw BytesCodec.damaged(name(), String.valueOf(e), chunk);
        }
    }

    @Override
    public byte[] encode(byte[] in) {
        return Zstd.compress(in, level);
    }
}
