package org.convpaint.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;

/**
 * Writes an OME-TIFF plane by plane, as tifffile / napari-tmidas write label images: little-endian, one
 * {@code minisblack} page per 2-D plane in C order over the leading axes, Adobe Deflate compression (tag value 8)
 * without predictor, strips of about 64 KiB, SampleFormat 1 (unsigned) or 3 (float), OME-XML (2016-06) in the
 * first page's ImageDescription with a DimensionOrder matching the page order, and XResolution/YResolution/
 * ResolutionUnit when the pixel size is known (centimetres for metric units, else no unit). The file is BigTIFF
 * when the uncompressed pixel data exceed {@value #BIGTIFF_THRESHOLD} bytes, or when asked for.
 *
 * <p>Each plane is compressed and written as it arrives, followed by its IFD; only the current plane is held in
 * memory, so memory use does not grow with the number of planes. After every {@code writePlane} the file is a
 * valid TIFF of the planes written so far. A plane can also be supplied a strip of rows at a time
 * ({@link #writePlane(RowSource)}), so that not even one plane needs to be in memory. {@link #close()} fails if
 * fewer planes than the shape declares were written; the partially written file is then left in place and is the
 * caller's to delete. Not thread-safe.
 */
public final class TiffWriter implements AutoCloseable {
    /** Uncompressed size above which BigTIFF is written. */
    public static final long BIGTIFF_THRESHOLD = 3_500_000_000L;

    private static final Pattern AXES = Pattern.compile("(?!.*(.).*\\1)[TCZ]{0,3}YX");
    private static final int STRIP_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final PixelType type;
    private final int width;
    private final int height;
    private final int planes;
    private final boolean big;
    private final int rowsPerStrip;
    private final String description;
    private final Calibration calibration;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final byte[] strip;
    private byte[] compressed;
    private long position;
    private long nextPointer;
    private int written;
    private boolean closed;

    private TiffWriter(FileChannel channel, String axes, long[] shape, PixelType type, Calibration calibration,
            boolean big) {
        this.channel = channel;
        this.type = type;
        this.width = (int) shape[shape.length - 1];
        this.height = (int) shape[shape.length - 2];
        long n = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            n *= shape[i];
        }
        this.planes = (int) n;
        this.big = big;
        long rowBytes = (long) width * type.bytes();
        this.rowsPerStrip = (int) Math.max(1, Math.min(height, STRIP_BYTES / rowBytes));
        this.strip = new byte[(int) (rowsPerStrip * rowBytes)];
        this.compressed = new byte[strip.length + strip.length / 8 + 64];
        this.calibration = calibration;
        this.description = OmeXmlWriter.build(axes, shape, type, calibration, randomUuid());
    }

    /**
     * A random (version 4) UUID naming the written image, from {@link java.util.concurrent.ThreadLocalRandom}:
     * {@link UUID#randomUUID()} would start the security providers' SecureRandom (some 30 ms in a short run) for
     * an identifier that needs no secrecy.
     */
    static UUID randomUuid() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long most = (r.nextLong() & ~0xf000L) | 0x4000L;
        long least = (r.nextLong() & ~(0xcL << 60)) | (0x8L << 60);
        return new UUID(most, least);
    }

    /** {@link #create(Path, String, long[], PixelType, Calibration, boolean)} choosing BigTIFF by size. */
    public static TiffWriter create(Path file, String axes, long[] shape, PixelType type, Calibration calibration)
            throws IOException {
        return create(file, axes, shape, type, calibration, false);
    }

    /**
     * Creates (or truncates) {@code file} and writes the TIFF header.
     *
     * @param axes         leading axes from T, C, Z (each at most once, any order) followed by {@code YX}, e.g.
     *                     {@code YX}, {@code ZYX}, {@code TZYX}, {@code CYX}, {@code TCZYX}
     * @param shape        sizes in axes order, each at least 1; a plane must fit a Java array
     * @param type         UINT8, UINT16, UINT32 or FLOAT32
     * @param calibration  physical sizes to record (NaN = unknown); null means unknown
     * @param forceBigTiff write BigTIFF even if the data are small
     * @throws IllegalArgumentException if axes, shape or type are not supported
     */
    public static TiffWriter create(Path file, String axes, long[] shape, PixelType type, Calibration calibration,
            boolean forceBigTiff) throws IOException {
        if (axes == null || !AXES.matcher(axes).matches()) {
            throw new IllegalArgumentException("axes must be distinct letters from T, C, Z followed by YX: " + axes);
        }
        if (shape == null || shape.length != axes.length()) {
            throw new IllegalArgumentException("shape must have one size per axis of " + axes);
        }
        long planes = 1;
        for (long s : shape) {
            if (s < 1 || s > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("invalid size " + s + " in shape");
            }
        }
        for (int i = 0; i < shape.length - 2; i++) {
            planes *= shape[i];
            if (planes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " planes");
            }
        }
        long plane = shape[shape.length - 1] * shape[shape.length - 2];
        if (plane > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a plane of " + plane + " pixels does not fit a Java array");
        }
        if (shape[shape.length - 1] * 8 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rows of " + shape[shape.length - 1] + " pixels are too long");
        }
        if (type != PixelType.UINT8 && type != PixelType.UINT16 && type != PixelType.UINT32
                && type != PixelType.FLOAT32) {
            throw new IllegalArgumentException("unsupported pixel type " + type + " (UINT8, UINT16, UINT32, FLOAT32)");
        }
        OmeXmlWriter.dimensionOrder(axes);
        boolean big = forceBigTiff || planes * plane * type.bytes() > BIGTIFF_THRESHOLD;
        Calibration cal = calibration == null ? Calibration.UNKNOWN : calibration;
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            TiffWriter w = new TiffWriter(ch, axes, shape, type, cal, big);
            w.writeHeader();
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** True if the file is BigTIFF. */
    public boolean isBigTiff() {
        return big;
    }

    /** Number of planes the shape declares. */
    public int planeCount() {
        return planes;
    }

    /** Number of planes written so far. */
    public int planesWritten() {
        return written;
    }

    /**
     * Writes the next plane of a UINT8, UINT16 or UINT32 image: {@code height * width} values, row-major. UINT32
     * values are the int bits (values of 2^31 and more are negative ints); UINT8/UINT16 values must be in range.
     *
     * @throws IllegalArgumentException if the type, length or a value does not fit (nothing is written then)
     * @throws IllegalStateException    if all planes were written or the writer is closed
     */
    public void writePlane(int[] plane) throws IOException {
        checkPlane(plane.length);
        writePlane(plane, 0);
    }

    /**
     * As {@link #writePlane(int[])} for the plane stored in {@code data} from {@code offset} on (e.g. one plane of a
     * stack), without copying it.
     */
    public void writePlane(int[] data, int offset) throws IOException {
        if (type == PixelType.FLOAT32) {
            throw new IllegalArgumentException("a FLOAT32 image needs writePlane(float[])");
        }
        int n = width * height;
        if (offset < 0 || (long) offset + n > data.length) {
            throw new IllegalArgumentException("no plane of " + n + " values at offset " + offset + " of "
                    + data.length);
        }
        checkPlane(n);
        checkRange(data, offset, offset + n, 0);
        writePage((raw, y0, y1) -> fill(raw, data, null, offset + y0 * width, offset + y1 * width));
    }

    /**
     * Writes the next plane of a FLOAT32 image: {@code height * width} values, row-major.
     *
     * @throws IllegalArgumentException if the image is not FLOAT32 or the length is wrong
     * @throws IllegalStateException    if all planes were written or the writer is closed
     */
    public void writePlane(float[] plane) throws IOException {
        if (type != PixelType.FLOAT32) {
            throw new IllegalArgumentException("a " + type + " image needs writePlane(int[])");
        }
        checkPlane(plane.length);
        writePage((raw, y0, y1) -> fill(raw, null, plane, y0 * width, y1 * width));
    }

    /** Supplies the rows of a plane being written, a strip at a time. */
    @FunctionalInterface
    public interface RowSource {
        /** Puts rows [y0, y1) of the plane, row-major, into {@code dst} from index 0. */
        void rows(int y0, int y1, int[] dst) throws IOException;
    }

    /**
     * As {@link #writePlane(int[])} for a plane read from {@code rows} one strip at a time (rows in increasing
     * order, each once); only a strip is held in memory.
     *
     * @throws IllegalArgumentException if the image is FLOAT32, or a value does not fit a UINT8/UINT16 image (the
     *                                  plane is then not added; the file stays a valid TIFF of the planes before)
     * @throws IOException              from {@code rows} or the file (likewise)
     */
    public void writePlane(RowSource rows) throws IOException {
        if (type == PixelType.FLOAT32) {
            throw new IllegalArgumentException("a FLOAT32 image needs writePlane(float[])");
        }
        checkPlane(width * height);
        int[] buffer = new int[rowsPerStrip * width];
        writePage((raw, y0, y1) -> {
            rows.rows(y0, y1, buffer);
            int n = (y1 - y0) * width;
            checkRange(buffer, 0, n, y0 * width);
            fill(raw, buffer, null, 0, n);
        });
    }

    private void checkRange(int[] data, int from, int to, int firstIndex) {
        if (type == PixelType.UINT32) {
            return;
        }
        int max = type == PixelType.UINT8 ? 0xff : 0xffff;
        for (int i = from; i < to; i++) {
            if (data[i] < 0 || data[i] > max) {
                throw new IllegalArgumentException("value " + data[i] + " at index " + (firstIndex + i - from)
                        + " is out of range for " + type.numpyName());
            }
        }
    }

    private void checkPlane(int length) {
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
        if (written >= planes) {
            throw new IllegalStateException("all " + planes + " planes were already written");
        }
        if (length != width * height) {
            throw new IllegalArgumentException("plane has " + length + " values, expected " + width * height);
        }
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) 'I').put((byte) 'I');
        if (big) {
            h.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
            nextPointer = 8;
        } else {
            h.putShort((short) 42).putInt(0);
            nextPointer = 4;
        }
        h.flip();
        write(h, 0);
        position = h.capacity();
    }

    /** Puts the little-endian samples of rows [y0, y1) of the plane being written into a strip buffer. */
    private interface StripFiller {
        void fill(ByteBuffer raw, int y0, int y1) throws IOException;
    }

    private void writePage(StripFiller filler) throws IOException {
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        long[] offsets = new long[strips];
        long[] counts = new long[strips];
        ByteBuffer raw = ByteBuffer.wrap(strip).order(ByteOrder.LITTLE_ENDIAN);
        long start = position;
        for (int s = 0; s < strips; s++) {
            int y0 = s * rowsPerStrip;
            raw.clear();
            try {
                filler.fill(raw, y0, Math.min(height, y0 + rowsPerStrip));
            } catch (IOException | RuntimeException e) {
                position = start; // the strips written so far are overwritten by the next page
                throw e;
            }
            int len = deflate(raw.position());
            offsets[s] = position;
            counts[s] = len;
            write(ByteBuffer.wrap(compressed, 0, len), position);
            position += len;
        }
        if ((position & 1) == 1) {
            write(ByteBuffer.wrap(new byte[1]), position);
            position++;
        }
        IfdWriter ifd = new IfdWriter(big);
        ifd.longs(TiffTags.IMAGE_WIDTH, width);
        ifd.longs(TiffTags.IMAGE_LENGTH, height);
        ifd.shorts(TiffTags.BITS_PER_SAMPLE, type.bits());
        ifd.shorts(TiffTags.COMPRESSION, Compression.ADOBE_DEFLATE.code());
        ifd.shorts(TiffTags.PHOTOMETRIC, 1);
        if (written == 0) {
            ifd.ascii(TiffTags.IMAGE_DESCRIPTION, description);
        }
        ifd.offsets(TiffTags.STRIP_OFFSETS, offsets);
        ifd.shorts(TiffTags.SAMPLES_PER_PIXEL, 1);
        ifd.longs(TiffTags.ROWS_PER_STRIP, rowsPerStrip);
        ifd.offsets(TiffTags.STRIP_BYTE_COUNTS, counts);
        addResolution(ifd);
        ifd.ascii(TiffTags.SOFTWARE, "Convpaint for KNIME");
        ifd.shorts(TiffTags.SAMPLE_FORMAT, type.isFloating() ? 3 : 1);
        long at = position;
        ByteBuffer encoded = ifd.encode(at);
        write(encoded, at);
        position += encoded.capacity();
        ByteBuffer ptr = ByteBuffer.allocate(big ? 8 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (big) {
            ptr.putLong(at);
        } else {
            ptr.putInt((int) at);
        }
        ptr.flip();
        write(ptr, nextPointer);
        nextPointer = at + ifd.nextPointerOffset();
        written++;
    }

    /** Puts samples {@code [from, to)} of the plane into {@code raw} as little-endian values of the type. */
    private void fill(ByteBuffer raw, int[] ints, float[] floats, int from, int to) {
        switch (type) {
            case UINT8 -> {
                for (int i = from; i < to; i++) {
                    raw.put((byte) ints[i]);
                }
            }
            case UINT16 -> {
                for (int i = from; i < to; i++) {
                    raw.putShort((short) ints[i]);
                }
            }
            case UINT32 -> {
                for (int i = from; i < to; i++) {
                    raw.putInt(ints[i]);
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    raw.putFloat(floats[i]);
                }
            }
        }
    }

    private void addResolution(IfdWriter ifd) {
        double pw = calibration.pixelWidth();
        double ph = calibration.pixelHeight();
        if (!(pw > 0) || !(ph > 0) || Double.isInfinite(pw) || Double.isInfinite(ph)) {
            return;
        }
        String unit = calibration.spaceUnit() == null ? Units.MICROMETER : Units.normalizeLength(
                calibration.spaceUnit());
        double meters = Units.meters(unit);
        if (Double.isNaN(meters)) {
            ifd.rational(TiffTags.X_RESOLUTION, 1 / pw);
            ifd.rational(TiffTags.Y_RESOLUTION, 1 / ph);
            ifd.shorts(TiffTags.RESOLUTION_UNIT, TiffTags.RESUNIT_NONE);
        } else {
            ifd.rational(TiffTags.X_RESOLUTION, 0.01 / (pw * meters));
            ifd.rational(TiffTags.Y_RESOLUTION, 0.01 / (ph * meters));
            ifd.shorts(TiffTags.RESOLUTION_UNIT, TiffTags.RESUNIT_CENTIMETER);
        }
    }

    /** Compresses {@code strip[0, n)} into {@code compressed}; returns the compressed length. */
    private int deflate(int n) {
        deflater.reset();
        deflater.setInput(strip, 0, n);
        deflater.finish();
        int len = 0;
        while (!deflater.finished()) {
            if (len == compressed.length) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            len += deflater.deflate(compressed, len, compressed.length - len);
        }
        return len;
    }

    private void write(ByteBuffer b, long at) throws IOException {
        if (!big && at + b.remaining() > 0xffffffffL) {
            throw new IOException("the classic TIFF file would exceed 4 GiB; write BigTIFF");
        }
        long p = at;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    /**
     * Closes the file. Fails with {@link IllegalStateException} (after closing) if fewer planes than the shape
     * declares were written; the file then holds the planes written so far and is the caller's to delete.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        deflater.end();
        channel.close();
        if (written < planes) {
            throw new IllegalStateException("only " + written + " of " + planes + " planes were written");
        }
    }
}
