package org.convpaint.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the entries of one little-endian IFD and encodes them, classic or BigTIFF, with out-of-line values
 * placed right after the entry table (each starting on a word boundary) and a next-IFD offset of 0. Not
 * thread-safe; one instance per IFD.
 */
final class IfdWriter {
    private static final long MAX_U32 = 0xffffffffL;

    private record Field(int type, long count, byte[] data) {
    }

    private final boolean big;
    private final Map<Integer, Field> fields = new TreeMap<>();

    IfdWriter(boolean bigTiff) {
        this.big = bigTiff;
    }

    void shorts(int tag, int... values) {
        ByteBuffer b = buffer(2 * values.length);
        for (int v : values) {
            b.putShort((short) v);
        }
        fields.put(tag, new Field(TiffTags.SHORT, values.length, b.array()));
    }

    /** LONG values (must fit 32 bits). */
    void longs(int tag, long... values) {
        ByteBuffer b = buffer(4 * values.length);
        for (long v : values) {
            if (v < 0 || v > MAX_U32) {
                throw new IllegalStateException("value " + v + " of tag " + tag + " does not fit a TIFF LONG");
            }
            b.putInt((int) v);
        }
        fields.put(tag, new Field(TiffTags.LONG, values.length, b.array()));
    }

    /** File offsets or byte counts: LONG8 in BigTIFF, LONG (checked to fit) in classic TIFF. */
    void offsets(int tag, long... values) {
        if (!big) {
            longs(tag, values);
            return;
        }
        ByteBuffer b = buffer(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        fields.put(tag, new Field(TiffTags.LONG8, values.length, b.array()));
    }

    /** An ASCII value (NUL-terminated); characters must be ASCII. */
    void ascii(int tag, String value) {
        byte[] s = value.getBytes(StandardCharsets.US_ASCII);
        byte[] d = new byte[s.length + 1];
        System.arraycopy(s, 0, d, 0, s.length);
        fields.put(tag, new Field(TiffTags.ASCII, d.length, d));
    }

    /** A RATIONAL approximating {@code value > 0} (numerator and denominator below 2^32). */
    void rational(int tag, double value) {
        long[] r = rational(value);
        ByteBuffer b = buffer(8);
        b.putInt((int) r[0]).putInt((int) r[1]);
        fields.put(tag, new Field(TiffTags.RATIONAL, 1, b.array()));
    }

    /** Bytes the encoded IFD occupies. */
    long size() {
        long n = tableSize();
        for (Field f : fields.values()) {
            if (f.data.length > valueSize()) {
                n += f.data.length + (f.data.length & 1);
            }
        }
        return n;
    }

    /** Offset, relative to the IFD start, of its next-IFD pointer. */
    long nextPointerOffset() {
        return (big ? 8 : 2) + (long) fields.size() * (big ? 20 : 12);
    }

    /** The IFD as it must be written at file position {@code position} (even). */
    ByteBuffer encode(long position) {
        ByteBuffer b = buffer((int) size());
        if (big) {
            b.putLong(fields.size());
        } else {
            b.putShort((short) fields.size());
        }
        long extra = position + tableSize();
        ByteBuffer tail = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) tableSize());
        for (Map.Entry<Integer, Field> e : fields.entrySet()) {
            Field f = e.getValue();
            b.putShort((short) (int) e.getKey()).putShort((short) f.type);
            if (big) {
                b.putLong(f.count);
            } else {
                b.putInt((int) f.count);
            }
            byte[] value = new byte[valueSize()];
            if (f.data.length <= valueSize()) {
                System.arraycopy(f.data, 0, value, 0, f.data.length);
            } else {
                if (!big && extra > MAX_U32) {
                    throw new IllegalStateException("classic TIFF offset beyond 4 GiB");
                }
                ByteBuffer o = buffer(valueSize());
                if (big) {
                    o.putLong(extra);
                } else {
                    o.putInt((int) extra);
                }
                value = o.array();
                tail.put(f.data);
                if ((f.data.length & 1) == 1) {
                    tail.put((byte) 0);
                }
                extra += f.data.length + (f.data.length & 1);
            }
            b.put(value);
        }
        b.rewind();
        return b;
    }

    private long tableSize() {
        return nextPointerOffset() + (big ? 8 : 4);
    }

    private int valueSize() {
        return big ? 8 : 4;
    }

    private static ByteBuffer buffer(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Best rational approximation (continued fractions) with numerator and denominator below 2^32. */
    static long[] rational(double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a positive number: " + x);
        }
        if (x >= MAX_U32) {
            return new long[] {MAX_U32, 1};
        }
        long h0 = 0;
        long h1 = 1;
        long k0 = 1;
        long k1 = 0;
        double r = x;
        for (int i = 0; i < 64; i++) {
            long a = (long) Math.floor(r);
            long h2 = a * h1 + h0;
            long k2 = a * k1 + k0;
            if (h2 > MAX_U32 || k2 > MAX_U32) {
                break;
            }
            h0 = h1;
            h1 = h2;
            k0 = k1;
            k1 = k2;
            double frac = r - a;
            if (frac == 0 || (double) h1 / k1 == x) {
                break;
            }
            r = 1 / frac;
        }
        return h1 == 0 || k1 == 0 ? new long[] {1, MAX_U32} : new long[] {h1, k1};
    }
}
