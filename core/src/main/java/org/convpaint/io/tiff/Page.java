package org.convpaint.io.tiff;

import org.convpaint.InvalidInputException;
import org.convpaint.image.PixelType;

/**
 * The validated layout of one full-resolution TIFF page: size, samples, pixel type, compression and its chunks
 * (strips or tiles). Chunks are numbered as TIFF numbers them: row-major over the chunk grid, and with
 * PlanarConfiguration 2 all chunks of sample 0 first, then sample 1, etc. Every non-empty chunk was checked
 * against the file size, and its decoded size against what its stored bytes can decode to; compressed chunks
 * decode to at most 2 GiB (uncompressed ones of any size are read in row bands). Immutable.
 */
final class Page {
    private static final long SLACK = 4096;
    private static final String SUPPORTED_SAMPLES = "supported: 8-, 16- and 32-bit integers, 16-, 32- and 64-bit "
            + "floating point";
    /** Photometric value of YCbCr colour (decoded to RGB when JPEG-compressed). */
    static final int PHOTOMETRIC_YCBCR = 6;

    /** Names the page in messages, e.g. "page 3". */
    final String name;
    final int width;
    final int height;
    final int samples;
    final PixelType type;
    final Compression compression;
    final int predictor;
    final boolean planarSeparate;
    final boolean tiled;
    final int chunkWidth;
    final int chunkHeight;
    final int chunksAcross;
    final int chunksDown;
    final double xResolution;
    final double yResolution;
    final int resolutionUnit;
    /** The Photometric tag (1 when absent). */
    final int photometric;
    private final byte[] jpegTables;
    private final long[] offsets;
    private final long[] byteCounts;

    private Page(Ifd ifd, TiffInput in, String name) throws InvalidInputException {
        this.name = name;
        long w = ifd.getLong(TiffTags.IMAGE_WIDTH, -1);
        long h = ifd.getLong(TiffTags.IMAGE_LENGTH, -1);
        if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw in.error("damaged " + name + ": image size " + w + "x" + h + " is missing or invalid");
        }
        width = (int) w;
        height = (int) h;
        long spp = ifd.getLong(TiffTags.SAMPLES_PER_PIXEL, 1);
        if (spp < 1 || spp > 0xffff) {
            throw in.error("damaged " + name + ": SamplesPerPixel is " + spp);
        }
        samples = (int) spp;
        int code = (int) ifd.getLong(TiffTags.COMPRESSION, 1);
        compression = Compression.of(code);
        if (compression == null) {
            throw in.error("unsupported compression " + Compression.describe(code));
        }
        if (compression == Compression.JPEG) {
            checkJpegDepth(ifd, in, name);
        }
        type = pixelType(ifd, in, name, samples);
        if (compression == Compression.JPEG && type != PixelType.UINT8) {
            throw in.error("unsupported: JPEG compression of " + type.numpyName() + " samples in " + name);
        }
        jpegTables = compression == Compression.JPEG ? ifd.getBytes(TiffTags.JPEG_TABLES) : null;
        long pred = ifd.getLong(TiffTags.PREDICTOR, 1);
        predictor = compression.usesPredictor() ? (int) pred : 1;
        if (predictor != 1 && predictor != 2 && predictor != 3) {
            throw in.error("unsupported predictor " + pred + " in " + name);
        }
        if (predictor == 3 && !type.isFloating()) {
            throw in.error("damaged " + name + ": floating-point predictor on integer samples");
        }
        planarSeparate = samples > 1 && ifd.getLong(TiffTags.PLANAR_CONFIGURATION, 1) == 2;
        photometric = (int) ifd.getLong(TiffTags.PHOTOMETRIC, 1);
        checkPhotometric(ifd, in, name);
        if (ifd.getLong(TiffTags.FILL_ORDER, 1) == 2) {
            throw in.error("unsupported FillOrder 2 (bit-reversed bytes) in " + name);
        }
        if (ifd.getLong(TiffTags.IMAGE_DEPTH, 1) > 1) {
            throw in.error("unsupported volumetric TIFF (ImageDepth > 1) in " + name);
        }
        tiled = ifd.has(TiffTags.TILE_WIDTH) || ifd.has(TiffTags.TILE_OFFSETS);
        String unit;
        if (tiled) {
            long tw = ifd.getLong(TiffTags.TILE_WIDTH, 0);
            long th = ifd.getLong(TiffTags.TILE_LENGTH, 0);
            if (tw <= 0 || th <= 0 || tw > Integer.MAX_VALUE || th > Integer.MAX_VALUE) {
                throw in.error("damaged " + name + ": tile size " + tw + "x" + th + " is missing or invalid");
            }
            chunkWidth = (int) tw;
            chunkHeight = (int) th;
            chunksAcross = (int) ((width + tw - 1) / tw);
            unit = "tile";
        } else {
            long rps = ifd.getLong(TiffTags.ROWS_PER_STRIP, height);
            chunkWidth = width;
            chunkHeight = (int) (rps <= 0 ? height : Math.min(rps, height));
            chunksAcross = 1;
            unit = "strip";
        }
        chunksDown = (int) ((height + (long) chunkHeight - 1) / chunkHeight);
        long chunks = (long) chunksAcross * chunksDown * (planarSeparate ? samples : 1);
        offsets = ifd.getLongs(tiled ? TiffTags.TILE_OFFSETS : TiffTags.STRIP_OFFSETS);
        if (offsets.length < chunks) {
            throw in.error("damaged " + name + ": " + offsets.length + " " + unit + " offsets, expected " + chunks);
        }
        int countTag = tiled ? TiffTags.TILE_BYTE_COUNTS : TiffTags.STRIP_BYTE_COUNTS;
        if (ifd.has(countTag)) {
            byteCounts = ifd.getLongs(countTag);
        } else if (compression == Compression.NONE) {
            byteCounts = new long[(int) chunks];
            for (int i = 0; i < chunks; i++) {
                byteCounts[i] = decodedBytes(i);
            }
        } else {
            throw in.error("damaged " + name + ": " + unit + " byte counts are missing");
        }
        if (byteCounts.length < chunks) {
            throw in.error("damaged " + name + ": " + byteCounts.length + " " + unit + " byte counts, expected "
                    + chunks);
        }
        for (int i = 0; i < chunks; i++) {
            checkChunk(in, name + " " + unit + " " + i, i);
        }
        xResolution = ifd.getDouble(TiffTags.X_RESOLUTION);
        yResolution = ifd.getDouble(TiffTags.Y_RESOLUTION);
        resolutionUnit = (int) ifd.getLong(TiffTags.RESOLUTION_UNIT, TiffTags.RESUNIT_INCH);
    }

    private Page(Page p, long shift, String name) {
        this.name = name;
        width = p.width;
        height = p.height;
        samples = p.samples;
        type = p.type;
        compression = p.compression;
        predictor = p.predictor;
        planarSeparate = p.planarSeparate;
        tiled = p.tiled;
        chunkWidth = p.chunkWidth;
        chunkHeight = p.chunkHeight;
        chunksAcross = p.chunksAcross;
        chunksDown = p.chunksDown;
        xResolution = p.xResolution;
        yResolution = p.yResolution;
        resolutionUnit = p.resolutionUnit;
        photometric = p.photometric;
        jpegTables = p.jpegTables;
        offsets = p.offsets.clone();
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] += shift;
        }
        byteCounts = p.byteCounts;
    }

    /** Parses and validates the page of {@code ifd}; {@code name} names it in messages (e.g. "page 3"). */
    static Page parse(Ifd ifd, TiffInput in, String name) throws InvalidInputException {
        return new Page(ifd, in, name);
    }

    /** The same page with all chunk offsets moved by {@code shift} bytes (ImageJ contiguous stacks). */
    Page shifted(long shift, String newName) {
        return new Page(this, shift, newName);
    }

    /** Samples stored per pixel inside one chunk: all of them when chunky, one when planar-separate. */
    int samplesInChunk() {
        return planarSeparate ? 1 : samples;
    }

    int chunksPerSample() {
        return chunksAcross * chunksDown;
    }

    /** Index of the chunk holding sample {@code sample} at chunk-grid position ({@code row}, {@code col}). */
    int chunkIndex(int sample, int row, int col) {
        return (planarSeparate ? sample * chunksPerSample() : 0) + row * chunksAcross + col;
    }

    /** Rows a chunk decodes to: full tiles; strips up to the image end. */
    int decodedRows(int chunk) {
        if (tiled) {
            return chunkHeight;
        }
        int row = chunk % chunksDown;
        return Math.min(chunkHeight, height - row * chunkHeight);
    }

    /** Bytes a chunk decodes to (fits an int for compressed chunks: checked at parse time). */
    long decodedBytes(int chunk) {
        return (long) decodedRows(chunk) * chunkWidth * samplesInChunk() * type.bytes();
    }

    /** The JPEGTables tag of a JPEG page, or null; callers must not modify it. */
    byte[] jpegTables() {
        return jpegTables;
    }

    long offset(int chunk) {
        return offsets[chunk];
    }

    long byteCount(int chunk) {
        return byteCounts[chunk];
    }

    /** True if both pages hold planes of the same size, samples, type and planar configuration. */
    boolean sameKind(Page o) {
        return width == o.width && height == o.height && samples == o.samples && type == o.type
                && planarSeparate == o.planarSeparate;
    }

    /** The uncompressed page's chunks follow each other without gaps; returns the first offset or -1. */
    long contiguousStart() {
        if (compression != Compression.NONE) {
            return -1;
        }
        long next = offsets[0];
        int n = chunksPerSample() * (planarSeparate ? samples : 1);
        for (int i = 0; i < n; i++) {
            if (offsets[i] != next || byteCounts[i] != decodedBytes(i)) {
                return -1;
            }
            next += byteCounts[i];
        }
        return offsets[0];
    }

    /** Bytes of one row of a chunk as stored. */
    long rowBytes() {
        return (long) chunkWidth * samplesInChunk() * type.bytes();
    }

    private void checkChunk(TiffInput in, String what, int i) throws InvalidInputException {
        long n = byteCounts[i];
        long decoded = decodedBytes(i);
        if (rowBytes() > Integer.MAX_VALUE - 8
                || (compression != Compression.NONE && decoded > Integer.MAX_VALUE - 8)) {
            throw in.error(what + " decodes to more than 2 GiB, which is not supported");
        }
        if (n == 0) {
            return;
        }
        in.check(offsets[i], n, what);
        if (compression == Compression.NONE ? n < decoded : decoded > n * compression.maxRatio() + SLACK) {
            throw in.error("damaged " + what + ": " + n + " stored bytes cannot hold its " + decoded
                    + " bytes of pixels");
        }
    }

    private static PixelType pixelType(Ifd ifd, TiffInput in, String name, int samples)
            throws InvalidInputException {
        long[] bits = ifd.getLongs(TiffTags.BITS_PER_SAMPLE);
        long b = bits.length == 0 ? 1 : bits[0];
        for (long x : bits) {
            if (x != b) {
                throw in.error("unsupported: samples of different bit depths in " + name);
            }
        }
        long[] formats = ifd.getLongs(TiffTags.SAMPLE_FORMAT);
        long f = formats.length == 0 ? 1 : formats[0];
        for (long x : formats) {
            if (x != f) {
                throw in.error("unsupported: samples of different formats in " + name);
            }
        }
        if (b == 1) {
            throw in.error("unsupported bit depth: 1-bit (bilevel) images are not supported");
        }
        if (b != 8 && b != 16 && b != 32 && b != 64) {
            throw in.error("unsupported bit depth: " + b + " bits per sample (" + SUPPORTED_SAMPLES + ")");
        }
        if (f == 5 || f == 6) {
            throw in.error("unsupported sample format: complex numbers (SampleFormat " + f + ")");
        }
        if (f < 1 || f > 4) {
            throw in.error("unsupported sample format " + f);
        }
        if (f == 3) {
            if (b == 32) {
                return PixelType.FLOAT32;
            }
            if (b == 64) {
                return PixelType.FLOAT64;
            }
            if (b == 16) {
                return PixelType.FLOAT16;
            }
            throw in.error("unsupported bit depth: " + b + "-bit floating point samples");
        }
        boolean signed = f == 2;
        return switch ((int) b) {
            case 8 -> signed ? PixelType.INT8 : PixelType.UINT8;
            case 16 -> signed ? PixelType.INT16 : PixelType.UINT16;
            case 32 -> signed ? PixelType.INT32 : PixelType.UINT32;
            default -> throw in.error("unsupported sample type: 64-bit integers (" + SUPPORTED_SAMPLES
                    + "; save the image as int32 or float64)");
        };
    }

    /** JPEG in TIFF is read with 8 bits per sample only (12-bit JPEG needs a 12-bit libjpeg). */
    private static void checkJpegDepth(Ifd ifd, TiffInput in, String name) throws InvalidInputException {
        long[] bits = ifd.getLongs(TiffTags.BITS_PER_SAMPLE);
        long b = bits.length == 0 ? 1 : bits[0];
        if (b != 8) {
            throw in.error("unsupported: " + b + "-bit JPEG compression in " + name + " (only 8-bit JPEG is "
                    + "supported)");
        }
    }

    private void checkPhotometric(Ifd ifd, TiffInput in, String name) throws InvalidInputException {
        if (photometric == PHOTOMETRIC_YCBCR) {
            long[] sub = ifd.getLongs(TiffTags.YCBCR_SUBSAMPLING);
            boolean full = sub.length == 2 && sub[0] == 1 && sub[1] == 1;
            if (compression == Compression.JPEG) {
                if (samples != 3 || planarSeparate) {
                    throw in.error("unsupported: JPEG YCbCr with " + samples + " samples per pixel"
                            + (planarSeparate ? " in separate planes" : "") + " in " + name);
                }
            } else if (!full) {
                String factors = sub.length == 2 ? sub[0] + "x" + sub[1] : "2x2 (default)";
                throw in.error("unsupported: subsampled YCbCr colour (YCbCrSubSampling " + factors
                        + ") without JPEG compression in " + name);
            }
        }
    }
}
