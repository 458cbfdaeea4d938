package org.convpaint.io.tiff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import java.awt.image.Raster;

import org.convpaint.InvalidInputException;

/**
 * Decodes one JPEG-compressed chunk (TIFF Compression 7, TIFF Technical Note 2) of 8-bit samples with the JDK's
 * ImageIO JPEG reader (IJG libjpeg 6b: ISLOW inverse DCT and fancy upsampling, as libjpeg-turbo in libtiff).
 *
 * <p>An abbreviated chunk stream is completed with the page's JPEGTables (its quantisation and Huffman tables):
 * the tables minus their trailing EOI, then the chunk minus its leading SOI. The components are read raw
 * ({@link ImageReader#readRaster}, no colour conversion), as libtiff reads them for every Photometric except
 * YCbCr; for Photometric YCbCr (any JPEG subsampling) they are converted to RGB with libjpeg's integer tables
 * ({@link YccToRgb}), which gives what libtiff returns with JPEGCOLORMODE RGB. The stream's frame must be the
 * chunk's width and at least its rows (a last strip may be coded at full strip height; its extra rows are
 * dropped) with {@code samplesInChunk} components; anything else, reader warnings (e.g. truncated data) and reader
 * errors fail with {@code damaged <chunk>: invalid JPEG data (...)}. Each call uses its own reader; stateless.
 */
final class JpegDecoder {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;

    private JpegDecoder() {
    }

    /**
     * Decodes {@code src} (chunk {@code chunk} of {@code page}) into {@code dst}: {@code decodedRows * chunkWidth}
     * pixels of {@code samplesInChunk} interleaved 8-bit samples. Returns {@code dst.length}.
     */
    static int decode(byte[] src, byte[] dst, Page page, int chunk, TiffInput in, String what)
            throws InvalidInputException {
        byte[] stream = withTables(src, page.jpegTables(), in, what);
        ImageReader reader = jdkReader(in, what);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(iis, true, true);
            int rows = page.decodedRows(chunk);
            int spc = page.samplesInChunk();
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            int maxRows = page.tiled ? page.chunkHeight : Math.max(rows, page.chunkHeight);
            if (w != page.chunkWidth || h < rows || h > maxRows) {
                throw damaged(in, what, "frame is " + w + "x" + h + ", the " + (page.tiled ? "tile" : "strip")
                        + " is " + page.chunkWidth + "x" + rows);
            }
            Raster raster = reader.readRaster(0, null);
            if (!warnings.isEmpty()) {
                throw damaged(in, what, warnings.get(0));
            }
            if (raster.getNumBands() != spc) {
                throw damaged(in, what, raster.getNumBands() + " components, expected " + spc);
            }
            int[] row = new int[page.chunkWidth * spc];
            for (int y = 0; y < rows; y++) {
                raster.getPixels(raster.getMinX(), raster.getMinY() + y, page.chunkWidth, 1, row);
                int base = y * row.length;
                for (int i = 0; i < row.length; i++) {
                    dst[base + i] = (byte) row[i];
                }
            }
            if (page.photometric == Page.PHOTOMETRIC_YCBCR) {
                YccToRgb.convert(dst, rows * page.chunkWidth);
            }
            return dst.length;
        } catch (IOException | RuntimeException e) {
            throw damaged(in, what, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        } finally {
            reader.dispose();
        }
    }

    /** The chunk stream, completed with the tables if the page has them. */
    private static byte[] withTables(byte[] src, byte[] tables, TiffInput in, String what)
            throws InvalidInputException {
        if (!startsWithSoi(src)) {
            throw damaged(in, what, "no SOI marker at the start");
        }
        if (tables == null || tables.length == 0) {
            return src;
        }
        int n = tables.length;
        if (!startsWithSoi(tables)) {
            throw damaged(in, what, "the JPEGTables tag does not start with an SOI marker");
        }
        if (n >= 4 && (tables[n - 2] & 0xff) == 0xFF && (tables[n - 1] & 0xff) == EOI) {
            n -= 2;
        }
        byte[] out = new byte[n + src.length - 2];
        System.arraycopy(tables, 0, out, 0, n);
        System.arraycopy(src, 2, out, n, src.length - 2);
        return out;
    }

    private static boolean startsWithSoi(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == SOI;
    }

    /** The JDK's own JPEG reader (never a plug-in such as TwelveMonkeys, whose results may differ). */
    private static ImageReader jdkReader(TiffInput in, String what) throws InvalidInputException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext();) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg.")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return r;
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        if (fallback == null) {
            throw in.error("cannot decode JPEG " + what + ": this Java runtime has no ImageIO JPEG reader");
        }
        return fallback;
    }

    private static InvalidInputException damaged(TiffInput in, String what, String detail) {
        return in.error("damaged " + what + ": invalid JPEG data (" + detail.replace('\n', ' ') + ")");
    }
}
