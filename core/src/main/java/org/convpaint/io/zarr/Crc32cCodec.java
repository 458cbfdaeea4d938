package org.convpaint.io.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.convpaint.InvalidInputException;

/** The v3 {@code crc32c} codec: the CRC32C of the data appended as 4 bytes little-endian. Stateless. */
final class Crc32cCodec implements BytesCodec {

    @Override
    public String name() {
        return "crc32c";
    }

    @Override
    public long encodedBytes(long decodedBytes) {
        return decodedBytes + 4;
    }

    @Override
    public long maxEncodedBytes(long decodedBytes) {
        return decodedBytes + 4;
    }

    @Override
    public byte[] decode(byte[] in, int decodedBytes, Path chunk) throws InvalidInputException {
        if (in.length < 4 || decodedBytes >= 0 && in.length - 4 != decodedBytes) {
            throw new InvalidInputException("damaged chunk: " + in.length + " bytes with a crc32c checksum, expected "
                    + (decodedBytes < 0 ? "at least 4" : String.valueOf(decodedBytes + 4L)) + " (truncated or "
                    + "wrong chunk size)", chunk);
        }
        int n = in.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(in, 0, n);
        int stored = ByteBuffer.wrap(in, n, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            throw new InvalidInputException("damaged chunk: crc32c checksum mismatch (the data is corrupt)", chunk);
        }
        return Arrays.copyOf(in, n);
    }

    @Override
    public byte[] encode(byte[] in) {
        CRC32C crc = new CRC32C();
        crc.update(in);
        byte[] out = Arrays.copyOf(in, in.length + 4);
        ByteBuffer.wrap(out, in.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        return out;
    }
}
