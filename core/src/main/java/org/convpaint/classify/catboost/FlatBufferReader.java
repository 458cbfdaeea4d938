package org.convpaint.classify.catboost;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.convpaint.InvalidModelException;

/**
 * Bounds-checked reading of one FlatBuffer held in {@code bytes[start, end)}: tables through their vtables,
 * offsets, vectors and strings. Every position is checked against the buffer before it is read and every vector
 * length against the bytes that follow it before anything is allocated; a violation is an
 * {@link InvalidModelException} with a one-line message. The total of all vector bytes read is limited to the
 * buffer's size, so that tables or vectors shared by many offsets cannot multiply the work or memory.
 *
 * <p>Not thread-safe (the budget is per reader); a reader is used once, while a model is parsed.
 */
final class FlatBufferReader {
    private final byte[] b;
    private final int start;
    private final int end;
    private final Path source;
    private long budget;

    /** @param start first byte of the FlatBuffer; @param end one past its last byte (within {@code bytes}) */
    FlatBufferReader(byte[] bytes, int start, int end, Path source) {
        if (start < 0 || end > bytes.length || start > end) {
            throw new IllegalArgumentException("buffer range " + start + ".." + end + " of " + bytes.length);
        }
        this.b = bytes;
        this.start = start;
        this.end = end;
        this.source = source;
        this.budget = end - (long) start;
    }

    InvalidModelException invalid(String what) {
        return new InvalidModelException("the CatBoost model is damaged: " + what, source);
    }

    private void check(long pos, long width, String what) throws InvalidModelException {
        if (pos < start || width < 0 || pos + width > end) {
            throw invalid(what + " lies outside the model's " + (end - start) + " bytes");
        }
    }

    int u8(int pos) throws InvalidModelException {
        check(pos, 1, "a byte");
        return b[pos] & 0xff;
    }

    int u16(int pos) throws InvalidModelException {
        check(pos, 2, "a 16-bit value");
        return (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8;
    }

    int i32(int pos) throws InvalidModelException {
        check(pos, 4, "a 32-bit value");
        return raw32(pos);
    }

    private int raw32(int pos) {
        return (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
    }

    private long raw64(int pos) {
        return (raw32(pos) & 0xffffffffL) | (long) raw32(pos + 4) << 32;
    }

    double f64(int pos) throws InvalidModelException {
        check(pos, 8, "a double");
        return Double.longBitsToDouble(raw64(pos));
    }

    /** The position an unsigned 32-bit offset at {@code pos} refers to (it points forward, inside the buffer). */
    int deref(int pos) throws InvalidModelException {
        long target = pos + (i32(pos) & 0xffffffffL);
        check(target, 1, "an offset's target");
        return (int) target;
    }

    /** The root table of the buffer. */
    int root() throws InvalidModelException {
        return deref(start);
    }

    /**
     * Position of field {@code slot} of the table at {@code table}, or −1 when the table does not store it (the
     * schema default applies). The field's {@code width} bytes are checked to lie inside the table.
     */
    int field(int table, int slot, int width) throws InvalidModelException {
        long vtable = table - (long) i32(table);
        check(vtable, 4, "a vtable");
        int vtSize = u16((int) vtable);
        int tableSize = u16((int) vtable + 2);
        if (vtSize < 4 || (vtSize & 1) != 0 || tableSize < 4) {
            throw invalid("a vtable of " + vtSize + " bytes for a table of " + tableSize);
        }
        check(vtable, vtSize, "a vtable");
        check(table, tableSize, "a table");
        int entry = 4 + 2 * slot;
        if (entry + 2 > vtSize) {
            return -1;
        }
        int off = u16((int) vtable + entry);
        if (off == 0) {
            return -1;
        }
        if (off < 4 || off + width > tableSize) {
            throw invalid("a field at " + off + " of a table of " + tableSize + " bytes");
        }
        return table + off;
    }

    /** A 32-bit integer field, or {@code dflt} when absent. */
    int intField(int table, int slot, int dflt) throws InvalidModelException {
        int p = field(table, slot, 4);
        return p < 0 ? dflt : i32(p);
    }

    /** An 8-bit field (bool, byte enum), or {@code dflt} when absent. */
    int byteField(int table, int slot, int dflt) throws InvalidModelException {
        int p = field(table, slot, 1);
        return p < 0 ? dflt : u8(p);
    }

    /** A double field, or {@code dflt} when absent. */
    double doubleField(int table, int slot, double dflt) throws InvalidModelException {
        int p = field(table, slot, 8);
        return p < 0 ? dflt : f64(p);
    }

    /** The table a field refers to, or −1 when absent. */
    int tableField(int table, int slot) throws InvalidModelException {
        int p = field(table, slot, 4);
        return p < 0 ? -1 : deref(p);
    }

    /**
     * The vector a field refers to, as the position of its first element, with its element count checked to fit
     * the bytes present and charged to the budget; {@code lengthOut[0]} receives the count (0 and −1 returned when
     * the field is absent).
     */
    int vectorField(int table, int slot, int elementSize, int[] lengthOut) throws InvalidModelException {
        int p = field(table, slot, 4);
        if (p < 0) {
            lengthOut[0] = 0;
            return -1;
        }
        int v = deref(p);
        long n = i32(v) & 0xffffffffL;
        long bytes = n * elementSize;
        if (bytes > end - (v + 4L)) {
            throw invalid("a vector of " + n + " elements of " + elementSize + " bytes runs past the model's end");
        }
        if (bytes > budget) {
            throw invalid("its vectors claim more bytes than the model holds");
        }
        budget -= bytes;
        lengthOut[0] = (int) n;
        return v + 4;
    }

    /** Elements of an int vector field (empty when absent). */
    int[] ints(int table, int slot) throws InvalidModelException {
        int[] n = new int[1];
        int p = vectorField(table, slot, 4, n);
        int[] out = new int[n[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = raw32(p + 4 * i);
        }
        return out;
    }

    /** Elements of a float vector field (empty when absent). */
    float[] floats(int table, int slot) throws InvalidModelException {
        int[] n = new int[1];
        int p = vectorField(table, slot, 4, n);
        float[] out = new float[n[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat(raw32(p + 4 * i));
        }
        return out;
    }

    /** Elements of a double vector field (empty when absent). */
    double[] doubles(int table, int slot) throws InvalidModelException {
        int[] n = new int[1];
        int p = vectorField(table, slot, 8, n);
        double[] out = new double[n[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.longBitsToDouble(raw64(p + 8 * i));
        }
        return out;
    }

    /** Number of elements of a vector field of offsets or structs, without reading them (0 when absent). */
    int count(int table, int slot, int elementSize) throws InvalidModelException {
        int[] n = new int[1];
        vectorField(table, slot, elementSize, n);
        return n[0];
    }

    /** The tables of a vector-of-tables field (empty when absent). */
    int[] tables(int table, int slot) throws InvalidModelException {
        int[] n = new int[1];
        int p = vectorField(table, slot, 4, n);
        int[] out = new int[n[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = deref(p + 4 * i);
        }
        return out;
    }

    /** A string field as UTF-8 (malformed bytes replaced), or null when absent. */
    String string(int table, int slot) throws InvalidModelException {
        int[] n = new int[1];
        int p = vectorField(table, slot, 1, n);
        return p < 0 ? null : new String(b, p, n[0], StandardCharsets.UTF_8);
    }
}
