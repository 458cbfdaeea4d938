package org.convpaint.io.tiff;

import java.util.Arrays;

import org.convpaint.InvalidInputException;

/**
 * Reads a band of rows of one sample of a page into {@code double}s, touching only the strips or tiles that
 * intersect the band. Compressed chunks are decoded whole, except large Deflate, zstd and LZMA chunks of which a
 * band wants only some rows: those are decoded as a stream that continues from band to band
 * ({@link ChunkCursors}). Uncompressed chunks are read in bands of at most {@value #BAND_BYTES} bytes, so
 * uncompressed pages of any size can be read piecewise. Empty chunks (byte count 0) read as zeros. Stateless;
 * concurrent calls are safe.
 */
final class PlaneReader {
    private static final int BAND_BYTES = 8 << 20;

    private PlaneReader() {
    }

    /**
     * Reads rows {@code [y0, y1)} (valid and non-empty) of {@code sample} of page {@code p} into
     * {@code dst[0 .. (y1 - y0) * width)}.
     */
    static void readRows(TiffInput in, Page p, int sample, int y0, int y1, double[] dst)
            throws InvalidInputException {
        readRows(in, p, sample, y0, y1, dst, null);
    }

    /**
     * As {@link #readRows(TiffInput, Page, int, int, int, double[])}; large Deflate, zstd and LZMA chunks of
     * which only some rows are wanted are decoded through {@code cursors} (when not null), which continue where
     * the previous band stopped.
     */
    static void readRows(TiffInput in, Page p, int sample, int y0, int y1, double[] dst, ChunkCursors cursors)
            throws InvalidInputException {
        int rowBytes = (int) p.rowBytes();
        for (int cy = y0 / p.chunkHeight; cy <= (y1 - 1) / p.chunkHeight; cy++) {
            int top = cy * p.chunkHeight;
            int ya = Math.max(y0, top);
            int yb = Math.min(y1, top + p.chunkHeight);
            for (int cx = 0; cx < p.chunksAcross; cx++) {
                int chunk = p.chunkIndex(sample, cy, cx);
                String what = p.name + (p.tiled ? " tile " : " strip ") + chunk;
                Band band = new Band(p, sample, y0, cx * p.chunkWidth);
                if (p.byteCount(chunk) == 0) {
                    band.zero(ya, yb, dst);
                } else if (p.compression == Compression.NONE) {
                    int rows = Math.max(1, BAND_BYTES / rowBytes);
                    for (int y = ya; y < yb; y += rows) {
                        int n = Math.min(rows, yb - y);
                        byte[] data = in.read(p.offset(chunk) + (long) (y - top) * rowBytes, (long) n * rowBytes,
                                what).array();
                        band.copy(data, in, y, y, y + n, dst);
                    }
                } else if (cursors != null && (ya > top || yb < top + p.decodedRows(chunk))
                        && ChunkCursors.applies(p, chunk)) {
                    byte[] data = cursors.rows(in, p, chunk, ya - top, yb - top, what);
                    band.copy(data, in, ya, ya, yb, dst);
                } else {
                    byte[] data = ChunkDecoder.decode(in, p, chunk, what);
                    band.copy(data, in, top, ya, yb, dst);
                }
            }
        }
    }

    /** Where one chunk column's pixels go in the destination. */
    private record Band(Page p, int sample, int y0, int x0) {
        int width() {
            return Math.min(p.chunkWidth, p.width - x0);
        }

        void zero(int ya, int yb, double[] dst) {
            for (int y = ya; y < yb; y++) {
                int at = (y - y0) * p.width + x0;
                Arrays.fill(dst, at, at + width(), 0.0);
            }
        }

        /** Copies image rows {@code [ya, yb)} from {@code data}, whose first row is image row {@code dataTop}. */
        void copy(byte[] data, TiffInput in, int dataTop, int ya, int yb, double[] dst) {
            int spc = p.samplesInChunk();
            int within = p.planarSeparate ? 0 : sample;
            for (int y = ya; y < yb; y++) {
                int first = (y - dataTop) * p.chunkWidth * spc + within;
                SampleConverter.toDouble(p.type, data, in.order(), first, spc, width(), dst, (y - y0) * p.width + x0);
            }
        }
    }
}
