package org.convpaint.weights;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.convpaint.InvalidModelException;

/**
 * The bytes of one zip entry, counted and run through CRC-32 as they are read, so that {@link #verify} can compare
 * them with the entry's declared size and CRC (from the central directory) once the caller has what it needs.
 * Confined to one thread; closes the entry's stream.
 */
final class CheckedEntryStream extends FilterInputStream {
    private static final int BUFFER = 1 << 16;

    private final ZipEntry entry;
    private final CRC32 crc = new CRC32();
    private long count;

    CheckedEntryStream(InputStream in, ZipEntry entry) {
        super(in);
        this.entry = entry;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            crc.update(b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            crc.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return passOver(n);
    }

    /** Reads (and checksums) up to {@code n} bytes without keeping them; the number of bytes passed over. */
    long passOver(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
        long done = 0;
        while (done < n) {
            int k = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (k < 0) {
                break;
            }
            done += k;
        }
        return done;
    }

    /**
     * Reads the rest of the entry and checks that it held exactly its declared size and that its CRC-32 matches.
     *
     * @throws InvalidModelException naming {@code file} and the entry if not
     */
    void verify(Path file) throws InvalidModelException, IOException {
        long size = entry.getSize();
        passOver(Math.max(0, size - count));
        if (count < size) {
            throw new InvalidModelException("damaged: entry '" + entry.getName() + "' ends after " + count
                    + " of its " + size + " bytes", file);
        }
        if (read() >= 0) {
            throw new InvalidModelException("damaged: entry '" + entry.getName() + "' holds more than its declared "
                    + size + " bytes", file);
        }
        if (crc.getValue() != entry.getCrc()) {
            throw new InvalidModelException("damaged: CRC mismatch in entry '" + entry.getName() + "' (the file "
                    + "changed after torch.save wrote it; download or copy it again)", file);
        }
    }
}
