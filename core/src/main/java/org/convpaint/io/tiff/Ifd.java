package org.convpaint.io.tiff;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.convpaint.InvalidInputException;

/**
 * One image file directory as stored: its entries by tag, with values read on demand and checked against the
 * file size. Entries of unknown field types are kept but cannot be read as values. Not thread-safe.
 */
final class Ifd {
    /** One directory entry; {@code inline} holds the value bytes when they fit in the entry, else null. */
    /** Largest BYTE/UNDEFINED tag {@link #getBytes} returns (JPEGTables are a few hundred bytes). */
    private static final int MAX_BYTES_TAG = 1 << 24;

    private record Entry(int type, long count, long offset, ByteBuffer inline) {
    }

    private final TiffInput in;
    private final int index;
    private final long nextOffset;
    private final Map<Integer, Entry> entries;

    private Ifd(TiffInput in, int index, long nextOffset, Map<Integer, Entry> entries) {
        this.in = in;
        this.index = index;
        this.nextOffset = nextOffset;
        this.entries = entries;
    }

    /** Reads the directory at {@code offset}, the {@code index}-th of the chain (for messages). */
    static Ifd read(TiffInput in, long offset, int index) throws InvalidInputException {
        boolean big = in.bigTiff();
        String what = "IFD " + index;
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        int valueSize = big ? 8 : 4;
        ByteBuffer c = in.read(offset, countSize, what);
        long n = big ? c.getLong(0) : c.getShort(0) & 0xffff;
        if (n < 0 || n > (in.size() - offset) / entrySize) {
            throw in.error("truncated: " + what + " declares " + Long.toUnsignedString(n)
                    + " entries, more than the file holds");
        }
        ByteBuffer b = in.read(offset + countSize, n * entrySize + valueSize, what);
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int p = i * entrySize;
            int tag = b.getShort(p) & 0xffff;
            int type = b.getShort(p + 2) & 0xffff;
            long count = big ? b.getLong(p + 4) : b.getInt(p + 4) & 0xffffffffL;
            int valuePos = p + (big ? 12 : 8);
            int ts = TiffTags.typeSize(type);
            ByteBuffer inline = null;
            long valueOffset = -1;
            if (ts > 0 && count >= 0 && count <= valueSize / ts) {
                byte[] v = new byte[valueSize];
                b.get(valuePos, v);
                inline = ByteBuffer.wrap(v).order(in.order());
            } else {
                valueOffset = big ? b.getLong(valuePos) : b.getInt(valuePos) & 0xffffffffL;
            }
            entries.putIfAbsent(tag, new Entry(type, count, valueOffset, inline));
        }
        long next = big ? b.getLong((int) n * entrySize) : b.getInt((int) n * entrySize) & 0xffffffffL;
        return new Ifd(in, index, next, entries);
    }

    int index() {
        return index;
    }

    /** Offset of the next IFD, 0 at the end of the chain (may be negative for a damaged BigTIFF). */
    long nextOffset() {
        return nextOffset;
    }

    boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** Number of values of a tag, 0 if absent. */
    long count(int tag) {
        Entry e = entries.get(tag);
        return e == null ? 0 : e.count;
    }

    /** The first value of an integer tag, or {@code fallback} if the tag is absent or empty. */
    long getLong(int tag, long fallback) throws InvalidInputException {
        Entry e = entries.get(tag);
        if (e == null || e.count == 0) {
            return fallback;
        }
        return integers(tag, e, 1)[0];
    }

    /** All values of an integer tag (BYTE, SHORT, LONG, LONG8, IFD, IFD8 or their signed forms). */
    long[] getLongs(int tag) throws InvalidInputException {
        Entry e = entries.get(tag);
        if (e == null) {
            return new long[0];
        }
        return integers(tag, e, e.count);
    }

    /** The first value of a RATIONAL/SRATIONAL/FLOAT/DOUBLE or integer tag, NaN if absent or zero-denominator. */
    double getDouble(int tag) throws InvalidInputException {
        Entry e = entries.get(tag);
        if (e == null || e.count == 0) {
            return Double.NaN;
        }
        ByteBuffer b = values(tag, e, 1);
        return switch (e.type) {
            case TiffTags.RATIONAL -> ratio(b.getInt(0) & 0xffffffffL, b.getInt(4) & 0xffffffffL);
            case TiffTags.SRATIONAL -> ratio(b.getInt(0), b.getInt(4));
            case TiffTags.FLOAT -> b.getFloat(0);
            case TiffTags.DOUBLE -> b.getDouble(0);
            default -> integers(tag, e, 1)[0];
        };
    }

    /** An ASCII (or UNDEFINED/BYTE) tag decoded as UTF-8 up to the first NUL, or null if absent. */
    String getString(int tag) throws InvalidInputException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.type != TiffTags.ASCII && e.type != TiffTags.BYTE && e.type != TiffTags.UNDEFINED) {
            return null;
        }
        ByteBuffer b = values(tag, e, e.count);
        int n = 0;
        while (n < e.count && b.get(n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A BYTE or UNDEFINED tag's raw bytes (e.g. JPEGTables), or null if absent or of another type. */
    byte[] getBytes(int tag) throws InvalidInputException {
        Entry e = entries.get(tag);
        if (e == null || (e.type != TiffTags.BYTE && e.type != TiffTags.UNDEFINED)) {
            return null;
        }
        if (e.count > MAX_BYTES_TAG) {
            throw in.error("damaged IFD " + index + ": tag " + tag + " has " + Long.toUnsignedString(e.count)
                    + " bytes, more than " + MAX_BYTES_TAG);
        }
        ByteBuffer b = values(tag, e, e.count);
        byte[] bytes = new byte[(int) e.count];
        b.get(0, bytes);
        return bytes;
    }

    private static double ratio(double num, double den) {
        return den == 0 ? Double.NaN : num / den;
    }

    private long[] integers(int tag, Entry e, long count) throws InvalidInputException {
        ByteBuffer b = values(tag, e, count);
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (e.type) {
                case TiffTags.BYTE, TiffTags.UNDEFINED -> b.get(i) & 0xff;
                case TiffTags.SBYTE -> b.get(i);
                case TiffTags.SHORT -> b.getShort(2 * i) & 0xffff;
                case TiffTags.SSHORT -> b.getShort(2 * i);
                case TiffTags.LONG, TiffTags.IFD -> b.getInt(4 * i) & 0xffffffffL;
                case TiffTags.SLONG -> b.getInt(4 * i);
                case TiffTags.LONG8, TiffTags.SLONG8, TiffTags.IFD8 -> b.getLong(8 * i);
                default -> throw in.error("damaged IFD " + index + ": tag " + tag + " has field type " + e.type
                        + " where an integer is expected");
            };
        }
        return out;
    }

    private ByteBuffer values(int tag, Entry e, long count) throws InvalidInputException {
        int ts = TiffTags.typeSize(e.type);
        if (ts == 0) {
            throw in.error("damaged IFD " + index + ": tag " + tag + " has unknown field type " + e.type);
        }
        if (e.inline != null) {
            return e.inline;
        }
        if (count > in.size() / ts) {
            throw in.error("truncated: tag " + tag + " of IFD " + index + " declares "
                    + Long.toUnsignedString(e.count) + " values, more than the file holds");
        }
        return in.read(e.offset, count * ts, "tag " + tag + " of IFD " + index);
    }
}
