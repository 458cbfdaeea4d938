package org.convpaint.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.convpaint.InvalidInputException;

/**
 * An open TIFF file: its header (byte order, classic or BigTIFF, first IFD offset) and bounds-checked positional
 * reads. Every read is checked against the file size before anything is allocated, so header values cannot make
 * the reader allocate more than the file holds. Positional reads on the {@link FileChannel} make concurrent reads
 * safe; {@link #close()} must not race with them.
 */
final class TiffInput implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private final boolean bigTiff;
    private final long firstIfd;

    private TiffInput(Path file, FileChannel channel, long size, ByteOrder order, boolean bigTiff, long firstIfd) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.order = order;
        this.bigTiff = bigTiff;
        this.firstIfd = firstIfd;
    }

    /** Opens {@code file} and reads its header; closes the file again if the header is not a TIFF header. */
    static TiffInput open(Path file) throws InvalidInputException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new InvalidInputException("cannot open the file: " + e, file, e);
        }
        try {
            long size = ch.size();
            ByteBuffer h = ByteBuffer.allocate((int) Math.min(16, size));
            readFully(ch, h, 0);
            h.flip();
            if (size < 8) {
                throw new InvalidInputException("not a TIFF file (only " + size + " bytes)", file);
            }
            int b0 = h.get(0) & 0xff;
            int b1 = h.get(1) & 0xff;
            ByteOrder order;
            if (b0 == 'I' && b1 == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (b0 == 'M' && b1 == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new InvalidInputException(String.format("not a TIFF file (starts with 0x%02X%02X%02X%02X)",
                        b0, b1, h.get(2) & 0xff, h.get(3) & 0xff), file);
            }
            h.order(order);
            int magic = h.getShort(2) & 0xffff;
            long first;
            boolean big;
            if (magic == 42) {
                big = false;
                first = h.getInt(4) & 0xffffffffL;
            } else if (magic == 43) {
                if (size < 16) {
                    throw new InvalidInputException("truncated BigTIFF header", file);
                }
                if (h.getShort(4) != 8 || h.getShort(6) != 0) {
                    throw new InvalidInputException("damaged BigTIFF header (offset size is not 8)", file);
                }
                big = true;
                first = h.getLong(8);
            } else {
                throw new InvalidInputException("not a TIFF file (version " + magic + ", expected 42 or 43)", file);
            }
            return new TiffInput(file, ch, size, order, big, first);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException("cannot read the file: " + e, file, e);
        } catch (InvalidInputException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    ByteOrder order() {
        return order;
    }

    boolean bigTiff() {
        return bigTiff;
    }

    long firstIfd() {
        return firstIfd;
    }

    /**
     * Reads {@code length} bytes at {@code position}; fails with "truncated" if they are not all in the file.
     *
     * @param what what is read, for the error message (e.g. "IFD 3")
     * @return a buffer in the file's byte order, position 0, limit {@code length}
     */
    ByteBuffer read(long position, long length, String what) throws InvalidInputException {
        check(position, length, what);
        if (length > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(what + " is larger than 2 GiB, which is not supported", file);
        }
        ByteBuffer b = ByteBuffer.allocate((int) length).order(order);
        try {
            readFully(channel, b, position);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + ": " + e, file, e);
        }
        b.flip();
        if (b.remaining() < length) {
            throw new InvalidInputException("truncated: " + what + " ends beyond the end of the file", file);
        }
        return b;
    }

    /** Fails with "truncated" unless the byte range lies inside the file. */
    void check(long position, long length, String what) throws InvalidInputException {
        if (position < 0 || length < 0 || position > size || length > size - position) {
            throw new InvalidInputException("truncated: " + what + " (bytes " + Long.toUnsignedString(position)
                    + "+" + Long.toUnsignedString(length) + ") lies beyond the end of the file (" + size
                    + " bytes)", file);
        }
    }

    InvalidInputException error(String message) {
        return new InvalidInputException(message, file);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                return;
            }
            p += n;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
