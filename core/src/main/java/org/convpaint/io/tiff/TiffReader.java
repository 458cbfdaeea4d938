package org.convpaint.io.tiff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;

/**
 * Reads the first image series of a TIFF file (classic or BigTIFF, either byte order) plane by plane.
 *
 * <p>Supported TIFF features (refusals are an {@link InvalidInputException} of one line naming the feature):
 * <table>
 * <caption>Supported TIFF features</caption>
 * <tr><th>feature</th><th>read</th><th>refused</th></tr>
 * <tr><td>compression</td><td>none, LZW, Deflate / Adobe Deflate, PackBits, zstd (50000, old 34926), LZMA
 * (34925, .xz), JPEG 8-bit (7; grayscale, RGB, YCbCr of any subsampling returned as RGB as libtiff's
 * JPEGCOLORMODE RGB, with JPEGTables)</td><td>JPEG 2000, JPEG XL, WebP, LERC, PNG, JPEG XR, CCITT, old-style
 * JPEG (6), 12-bit JPEG</td></tr>
 * <tr><td>predictor</td><td>1, 2 (horizontal differencing on the raw bits, as libtiff), 3 (floating point); with
 * LZW, Deflate, zstd and LZMA</td><td>others</td></tr>
 * <tr><td>sample format</td><td>uint8/16/32, int8/16/32, float16 (IEEE half, numpy float16, read exactly)/32/64
 * </td><td>1-bit, 12/24-bit, int64, complex</td></tr>
 * <tr><td>layout</td><td>strips, tiles, chunky and planar samples (any number per pixel), classic TIFF and
 * BigTIFF, both byte orders</td><td>subsampled YCbCr without JPEG, bit-reversed FillOrder, ImageDepth &gt; 1
 * </td></tr>
 * <tr><td>metadata</td><td>OME-XML, ImageJ hyperstack, tifffile JSON shape/axes, resolution tags</td>
 * <td>multi-file OME-TIFF</td></tr>
 * </table>
 * Reduced-resolution and mask pages (NewSubfileType bits 0 and 2) and SubIFDs are skipped.
 *
 * <p>Series metadata, in this priority: OME-XML in the first page's ImageDescription, an ImageJ description,
 * tifffile's JSON description; without any, one page is {@code YX} and N pages are {@code IYX}. Pages beyond what
 * the metadata declares are ignored; fewer pages than declared is an error (except an ImageJ stack whose
 * uncompressed planes follow the first page contiguously, as ImageJ writes files over 4 GB). Axes are letters from
 * {@code T, Z, C, I} followed by {@code YX}; size-1 axes are dropped; samples per pixel become a {@code C} axis
 * (see {@link #axes()}).
 *
 * <p>Header values are checked against the file size before anything is allocated for them. All methods may be
 * called concurrently from several threads (the file is read with positional reads and every read uses its own
 * buffers); {@link #close()} must not race with reads.
 */
public final class TiffReader implements AutoCloseable {
    /** A full-resolution page, or why it cannot be read (reported only if the page is used). */
    private record Slot(Page page, InvalidInputException error) {
        Page get() throws InvalidInputException {
            if (error != null) {
                throw error;
            }
            return page;
        }
    }

    private final TiffInput in;
    private final Page[] pages;
    private final Series series;
    private final boolean fromMetadata;
    private final Calibration calibration;
    private final ChunkCursors cursors = new ChunkCursors();

    private TiffReader(TiffInput in, Page[] pages, Series series, boolean fromMetadata, Calibration calibration) {
        this.in = in;
        this.pages = pages;
        this.series = series;
        this.fromMetadata = fromMetadata;
        this.calibration = calibration;
    }

    /**
     * Opens a TIFF file and reads its structure and metadata (not its pixels).
     *
     * @throws InvalidInputException if the file cannot be read, is not a TIFF, is damaged or truncated, or uses a
     *                               feature this reader does not support; the message names the problem
     */
    public static TiffReader open(Path file) throws InvalidInputException {
        TiffInput in = TiffInput.open(file);
        try {
            List<Slot> main = new ArrayList<>();
            List<Integer> rawToMain = new ArrayList<>();
            String description = walk(in, main, rawToMain);
            Page first = main.get(0).get();
            SeriesMetadata md = OmeXmlReader.parse(description, first, in, rawToMain.size());
            if (md == null) {
                md = ImageJDescription.parse(description, first);
            }
            if (md == null) {
                md = ShapedDescription.parse(description, first);
            }
            Page[] seq = sequence(in, md, main, rawToMain, first);
            String pageAxes = md != null ? md.axes() : seq.length > 1 ? "I" : "";
            long[] pageSizes = md != null ? md.sizes() : seq.length > 1 ? new long[] {seq.length} : new long[0];
            Series series;
            try {
                series = Series.of(pageAxes, pageSizes, first.samples, md != null && md.samplesAxis(),
                        first.height, first.width);
            } catch (IllegalArgumentException e) {
                throw in.error("unsupported: " + e.getMessage());
            }
            Calibration cal = md != null && md.calibration() != null ? md.calibration() : resolution(first);
            return new TiffReader(in, seq, series, md != null && md.named(), cal);
        } catch (InvalidInputException | RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Walks the IFD chain; returns the first full-resolution page's ImageDescription. */
    private static String walk(TiffInput in, List<Slot> main, List<Integer> rawToMain)
            throws InvalidInputException {
        Set<Long> seen = new HashSet<>();
        String description = null;
        long offset = in.firstIfd();
        for (int raw = 0; offset != 0; raw++) {
            if (!seen.add(offset)) {
                break; // a loop in the chain: stop at the first repeated IFD
            }
            Ifd ifd;
            try {
                ifd = Ifd.read(in, offset, raw);
            } catch (InvalidInputException e) {
                if (raw == 0) {
                    throw e;
                }
                break; // damaged tail: the pages read so far may be all the series needs
            }
            long subfile = ifd.getLong(TiffTags.NEW_SUBFILE_TYPE, 0);
            boolean reduced = (subfile & 5) != 0 || ifd.getLong(TiffTags.SUBFILE_TYPE, 1) == 2;
            rawToMain.add(reduced ? -1 : main.size());
            if (!reduced) {
                if (main.isEmpty()) {
                    description = ifd.getString(TiffTags.IMAGE_DESCRIPTION);
                }
                String name = "page " + main.size();
                try {
                    main.add(new Slot(Page.parse(ifd, in, name), null));
                } catch (InvalidInputException e) {
                    main.add(new Slot(null, e));
                }
            }
            offset = ifd.nextOffset();
        }
        if (main.isEmpty()) {
            throw in.error("the TIFF file contains no full-resolution image");
        }
        return description;
    }

    /** The page of each position of the page sequence. */
    private static Page[] sequence(TiffInput in, SeriesMetadata md, List<Slot> main, List<Integer> rawToMain,
            Page first) throws InvalidInputException {
        long needed;
        try {
            needed = md == null ? main.size() : md.pageCount();
        } catch (ArithmeticException e) {
            needed = Long.MAX_VALUE;
        }
        if (needed > Integer.MAX_VALUE) {
            throw in.error("unsupported: " + md.source() + " metadata declares too many planes");
        }
        boolean byIfd = md != null && md.ifds() != null;
        if (!byIfd && needed > main.size() && !contiguousFits(in, md, first, needed)) {
            // checked before the sequence is allocated: a 300-byte file may declare 2 000 000 000 planes
            throw in.error("truncated: " + md.source() + " metadata declares " + needed + " planes but the file has "
                    + main.size() + " pages");
        }
        Page[] seq = new Page[(int) needed];
        if (md != null && md.ifds() != null) {
            for (int k = 0; k < seq.length; k++) {
                int raw = md.ifds()[k];
                if (raw >= rawToMain.size()) {
                    throw in.error("truncated: OME-XML puts plane " + k + " in IFD " + raw + " but the file has "
                            + rawToMain.size() + " IFDs");
                }
                int m = rawToMain.get(raw);
                if (m < 0) {
                    throw in.error("damaged OME-XML: plane " + k + " points to a reduced-resolution IFD");
                }
                seq[k] = main.get(m).get();
            }
        } else if (needed <= main.size()) {
            for (int k = 0; k < seq.length; k++) {
                seq[k] = main.get(k).get();
            }
        } else {
            contiguous(first, seq);
        }
        for (Page p : seq) {
            if (!p.sameKind(first)) {
                throw in.error("unsupported: " + p.name + " (" + describe(p) + ") differs from page 0 ("
                        + describe(first) + ")");
            }
        }
        return seq;
    }

    /** Whether {@code planes} planes can be an ImageJ stack stored contiguously from the first page's data. */
    private static boolean contiguousFits(TiffInput in, SeriesMetadata md, Page first, long planes) {
        long start = first.contiguousStart();
        return md != null && "ImageJ".equals(md.source()) && start >= 0
                && planeBytes(first) <= (in.size() - start) / planes;
    }

    private static long planeBytes(Page first) {
        return (long) first.width * first.height * first.samples * first.type.bytes();
    }

    /** Fills {@code seq} with the planes of a contiguous ImageJ stack (see {@link #contiguousFits}). */
    private static void contiguous(Page first, Page[] seq) {
        long planeBytes = planeBytes(first);
        for (int k = 0; k < seq.length; k++) {
            seq[k] = first.shifted(k * planeBytes, "plane " + k + " of the contiguous ImageJ stack");
        }
    }

    private static String describe(Page p) {
        return p.width + "x" + p.height + " " + p.type.numpyName() + " x" + p.samples
                + (p.planarSeparate ? " planar" : "");
    }

    /** Calibration from the resolution tags when they are in centimetres (converted to µm), else unknown. */
    private static Calibration resolution(Page p) {
        if (p.resolutionUnit != TiffTags.RESUNIT_CENTIMETER || !(p.xResolution > 0) || !(p.yResolution > 0)
                || Double.isInfinite(p.xResolution) || Double.isInfinite(p.yResolution)) {
            return Calibration.UNKNOWN;
        }
        return new Calibration(1e4 / p.xResolution, 1e4 / p.yResolution, Double.NaN, Double.NaN,
                Units.MICROMETER, null);
    }

    /**
     * Axis letters of the series in C order: leading axes from {@code T, Z, C, I} (I = unknown), then {@code YX}.
     * Size-1 axes are dropped. Samples per pixel ({@code S > 1}, e.g. RGB) become a {@code C} axis placed
     * immediately before {@code YX}, e.g. {@code CYX} with C = 3 for a 2-D RGB page; if the metadata already has a
     * channel axis of size {@code Cm > 1}, the two merge into one {@code C} axis of size {@code Cm * S} at the
     * metadata's position (channel {@code c} is sample {@code c % S} of metadata channel {@code c / S}, as OME
     * numbers channels). Exception: a bare tifffile shape description with planar samples makes them an {@code I}
     * axis at the same place, as napari-tmidas sees them. Several leading axes may be {@code I}.
     */
    public String axes() {
        return series.axes();
    }

    /** True if the axis letters come from OME-XML, ImageJ or tifffile-JSON metadata (not guessed). */
    public boolean axesFromMetadata() {
        return fromMetadata;
    }

    /** Sizes in {@link #axes()} order (the last two are height and width). */
    public long[] shape() {
        return series.shape();
    }

    /** Plane width in pixels (size of X). */
    public int width() {
        return pages[0].width;
    }

    /** Plane height in pixels (size of Y). */
    public int height() {
        return pages[0].height;
    }

    /** Number of 2-D planes: the product of the leading dimensions. */
    public int planeCount() {
        return series.planeCount();
    }

    /** Type of the stored samples; values returned as {@code double} are exact for every type. */
    public PixelType pixelType() {
        return pages[0].type;
    }

    /** Physical calibration (NaN where unknown). */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * Reads plane {@code index} (C order over the leading axes) as {@code height * width} exact values, row-major.
     *
     * @param dst receives the plane at offset 0; at least {@code height * width} long
     */
    public void readPlane(int index, double[] dst) throws InvalidInputException {
        readRows(index, 0, height(), dst);
    }

    /**
     * Reads rows {@code [y0, y1)} of plane {@code index}, decoding only the strips or tiles that intersect them.
     *
     * @param dst receives {@code (y1 - y0) * width} values, row-major, at offset 0
     * @throws InvalidInputException     if the pixel data are damaged or truncated
     * @throws IndexOutOfBoundsException if {@code index} is not a plane
     * @throws IllegalArgumentException  if the rows are out of range or {@code dst} is too small
     */
    public void readRows(int index, int y0, int y1, double[] dst) throws InvalidInputException {
        if (index < 0 || index >= planeCount()) {
            throw new IndexOutOfBoundsException("plane " + index + " of " + planeCount());
        }
        Page p = pages[(int) series.position(index)];
        if (y0 < 0 || y1 > p.height || y0 > y1) {
            throw new IllegalArgumentException("rows [" + y0 + ", " + y1 + ") outside [0, " + p.height + ")");
        }
        if (dst.length < (long) (y1 - y0) * p.width) {
            throw new IllegalArgumentException("destination holds " + dst.length + " values, need "
                    + (long) (y1 - y0) * p.width);
        }
        if (y0 == y1) {
            return;
        }
        PlaneReader.readRows(in, p, series.sample(index), y0, y1, dst, cursors);
    }

    /** Closes the file. */
    @Override
    public void close() {
        cursors.close();
        closeQuietly(in);
    }

    private static void closeQuietly(TiffInput in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written; nothing to lose
        }
    }
}
