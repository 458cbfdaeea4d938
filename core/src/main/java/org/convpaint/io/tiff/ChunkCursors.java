package org.convpaint.io.tiff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.zip.InflaterInputStream;

import com.github.luben.zstd.ZstdInputStream;

import org.convpaint.InvalidInputException;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Decodes rows of large compressed strips or tiles (Deflate, zstd, LZMA) as a stream that stays open between
 * reads: reading a chunk band by band in increasing row order decodes it once, instead of once per band (a
 * single-strip 16384² Deflate image read in 32-row bands used to inflate up to 256 MB per band). Reading an
 * earlier row restarts that chunk's stream. At most {@value #MAX_CURSORS} chunks are kept open (the oldest is
 * dropped); each holds its compressed bytes and its decoder's window. Thread-safe (one read at a time).
 */
final class ChunkCursors implements AutoCloseable {
    /** Chunks whose decoded size is at most this are decoded whole, as before: a restart costs little. */
    static final long MIN_DECODED_BYTES = 1 << 20;
    private static final int MAX_CURSORS = 8;

    private final ArrayDeque<Cursor> open = new ArrayDeque<>();

    /** Whether rows of this chunk are read through a cursor: a large chunk of a byte-stream codec. */
    static boolean applies(Page page, int chunk) {
        Compression c = page.compression;
        boolean stream = c == Compression.ADOBE_DEFLATE || c == Compression.DEFLATE || c == Compression.ZSTD
                || c == Compression.ZSTD_OLD || c == Compression.LZMA;
        return stream && page.decodedBytes(chunk) > MIN_DECODED_BYTES;
    }

    /**
     * Rows {@code [from, to)} of chunk {@code chunk} (rows counted from the chunk's top), decoded and with the
     * predictor undone: {@code (to - from) * page.rowBytes()} bytes in the file's byte order.
     */
    synchronized byte[] rows(TiffInput in, Page page, int chunk, int from, int to, String what)
            throws InvalidInputException {
        Cursor cursor = null;
        for (Iterator<Cursor> it = open.iterator(); it.hasNext();) {
            Cursor c = it.next();
            if (c.page == page && c.chunk == chunk) {
                it.remove();
                if (c.row <= from) {
                    cursor = c;
                } else {
                    c.close();
                }
                break;
            }
        }
        if (cursor == null) {
            cursor = new Cursor(page, chunk, stream(in, page, chunk, what));
        }
        open.addFirst(cursor);
        while (open.size() > MAX_CURSORS) {
            open.removeLast().close();
        }
        try {
            return cursor.read(in, from, to, what);
        } catch (InvalidInputException | RuntimeException e) {
            open.remove(cursor);
            cursor.close();
            throw e;
        }
    }

    private static InputStream stream(TiffInput in, Page page, int chunk, String what)
            throws InvalidInputException {
        byte[] src = in.read(page.offset(chunk), page.byteCount(chunk), what).array();
        ByteArrayInputStream bytes = new ByteArrayInputStream(src);
        try {
            return switch (page.compression) {
                case ZSTD, ZSTD_OLD -> new ZstdInputStream(bytes).setContinuous(false);
                case LZMA -> new SingleXZInputStream(bytes, LzmaDecoder.MEMORY_LIMIT_KIB);
                default -> new InflaterInputStream(bytes);
            };
        } catch (IOException | LinkageError e) {
            throw damaged(in, page, what, String.valueOf(e.getMessage()));
        }
    }

    private static InvalidInputException damaged(TiffInput in, Page page, String what, String detail) {
        return in.error("damaged " + what + ": invalid " + page.compression.name() + " data (" + detail + ")");
    }

    @Override
    public synchronized void close() {
        while (!open.isEmpty()) {
            open.removeLast().close();
        }
    }

    /** One chunk's open stream, positioned at the start of row {@code row}. */
    private static final class Cursor {
        final Page page;
        final int chunk;
        final InputStream stream;
        int row;

        Cursor(Page page, int chunk, InputStream stream) {
            this.page = page;
            this.chunk = chunk;
            this.stream = stream;
        }

        byte[] read(TiffInput in, int from, int to, String what) throws InvalidInputException {
            int rowBytes = (int) page.rowBytes();
            byte[] out = new byte[(to - from) * rowBytes];
            try {
                for (long skip = (long) (from - row) * rowBytes; skip > 0; ) {
                    int n = stream.read(out, 0, (int) Math.min(skip, out.length));
                    if (n < 0) {
                        throw damaged(in, page, what, "ends before row " + from);
                    }
                    skip -= n;
                }
                for (int at = 0; at < out.length; ) {
                    int n = stream.read(out, at, out.length - at);
                    if (n < 0) {
                        throw in.error("damaged " + what + ": decodes to fewer bytes than its "
                                + page.decodedRows(chunk) + " rows");
                    }
                    at += n;
                }
            } catch (IOException e) {
                throw damaged(in, page, what, String.valueOf(e.getMessage()));
            }
            row = to;
            Predictors.undo(page, out, to - from, in.order());
            return out;
        }

        void close() {
            try {
                stream.close();
            } catch (IOException ignored) {
                // an in-memory stream: nothing to release but the decoder's window
            }
        }
    }
}
