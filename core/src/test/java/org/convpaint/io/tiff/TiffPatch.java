package org.convpaint.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Edits the first IFD of a classic little-endian TIFF in memory (as tiffcp and ImageMagick write them here), for
 * building damaged or unsupported variants of the test files.
 */
final class TiffPatch {
    final byte[] bytes;
    private final ByteBuffer b;

    TiffPatch(Path file) throws java.io.IOException {
        bytes = Files.readAllBytes(file);
        b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[0] != 'I' || b.getShort(2) != 42) {
            throw new IllegalArgumentException(file + " is not a classic little-endian TIFF");
        }
    }

    /** Position of the 12-byte entry of {@code tag} in IFD 0. */
    private int entry(int tag) {
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xffff;
        for (int i = 0; i < n; i++) {
            int at = ifd + 2 + 12 * i;
            if ((b.getShort(at) & 0xffff) == tag) {
                return at;
            }
        }
        throw new IllegalArgumentException("no tag " + tag);
    }

    /** Sets the first value of a SHORT tag (e.g. BitsPerSample, Compression, Photometric). */
    TiffPatch setShort(int tag, int value) {
        int at = entry(tag);
        int count = b.getInt(at + 4);
        int pos = count * 2 <= 4 ? at + 8 : b.getInt(at + 8);
        for (int i = 0; i < count; i++) {
            b.putShort(pos + 2 * i, (short) value);
        }
        return this;
    }

    /** Value {@code i} of a SHORT or LONG array tag such as StripOffsets or StripByteCounts. */
    long get(int tag, int i) {
        int at = entry(tag);
        int type = b.getShort(at + 2);
        int count = b.getInt(at + 4);
        int size = type == 3 ? 2 : 4;
        int pos = count * size <= 4 ? at + 8 : b.getInt(at + 8);
        return size == 2 ? b.getShort(pos + 2 * i) & 0xffff : b.getInt(pos + 4 * i) & 0xffffffffL;
    }

    /** Sets the single value of a SHORT or LONG tag (e.g. ImageWidth). */
    TiffPatch setValue(int tag, long value) {
        int at = entry(tag);
        return setLong(tag, 0, value);
    }

    /** Overwrites {@code n} bytes at {@code pos} with {@code value}. */
    TiffPatch fill(long pos, int n, int value) {
        java.util.Arrays.fill(bytes, (int) pos, (int) pos + n, (byte) value);
        return this;
    }

    /** Sets value {@code i} of a SHORT or LONG array tag (a SHORT keeps the low 16 bits). */
    TiffPatch setLong(int tag, int i, long value) {
        int at = entry(tag);
        int size = b.getShort(at + 2) == 3 ? 2 : 4;
        int count = b.getInt(at + 4);
        int pos = count * size <= 4 ? at + 8 : b.getInt(at + 8);
        if (size == 2) {
            b.putShort(pos + 2 * i, (short) value);
        } else {
            b.putInt(pos + 4 * i, (int) value);
        }
        return this;
    }

    Path write(Path file) throws java.io.IOException {
        return Files.write(file, bytes);
    }
}
