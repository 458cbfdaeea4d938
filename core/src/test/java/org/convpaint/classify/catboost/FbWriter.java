package org.convpaint.classify.catboost;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-side FlatBuffers writer that lays objects out front to back: a table (preceded by its vtable) comes
 * before the objects it refers to, so every uoffset points forward, as FlatBuffers requires. Every table field
 * gets its own 8-byte slot and vectors of 8-byte scalars are 8-byte aligned, which satisfies the alignment checks
 * of catboost's FlatBuffers verifier. Independent of the reader under test.
 */
final class FbWriter {
    /** Something that can be written and referred to by an offset. */
    interface Obj {
        /** Writes the object; returns the position offsets must point to. */
        int write(FbWriter w);
    }

    private byte[] buf = new byte[1024];
    private int size;

    /** A table: {@code fields[slot]} is null (absent), an {@link Obj}, or a boxed Integer/Byte/Double/Boolean. */
    static Obj table(Object... fields) {
        return w -> w.writeTable(fields);
    }

    static Obj ints(int... v) {
        return w -> w.vector(v.length, 4, i -> w.putInt(v[i]));
    }

    static Obj floats(float... v) {
        return w -> w.vector(v.length, 4, i -> w.putInt(Float.floatToRawIntBits(v[i])));
    }

    static Obj doubles(double... v) {
        return w -> w.vector(v.length, 8, i -> w.putLong(Double.doubleToRawLongBits(v[i])));
    }

    static Obj string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return w -> {
            w.alignForVector(4);
            int at = w.size;
            w.putInt(b.length);
            for (byte x : b) {
                w.put(x);
            }
            w.put((byte) 0);
            return at;
        };
    }

    static Obj tables(List<Obj> items) {
        return w -> {
            w.alignForVector(4);
            int at = w.size;
            w.putInt(items.size());
            int first = w.size;
            for (int i = 0; i < items.size(); i++) {
                w.putInt(0);
            }
            for (int i = 0; i < items.size(); i++) {
                w.patchOffset(first + 4 * i, items.get(i).write(w));
            }
            return at;
        };
    }

    /** A whole buffer with {@code root} as its root table. */
    static byte[] finish(Obj root) {
        FbWriter w = new FbWriter();
        w.putInt(0);
        w.putInt(0);
        w.patchOffset(0, root.write(w));
        return Arrays.copyOf(w.buf, w.size);
    }

    private interface Element {
        void put(int i);
    }

    private int vector(int n, int elementSize, Element e) {
        alignForVector(elementSize);
        int at = size;
        putInt(n);
        for (int i = 0; i < n; i++) {
            e.put(i);
        }
        return at;
    }

    /** Pads so that the elements after a 4-byte length are aligned to {@code elementSize}. */
    private void alignForVector(int elementSize) {
        int a = Math.max(4, elementSize);
        while ((size + 4) % a != 0) {
            put((byte) 0);
        }
    }

    private int writeTable(Object[] fields) {
        int n = fields.length;
        while (size % 2 != 0) {
            put((byte) 0);
        }
        int vtable = size;
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (fields[i] != null) {
                present.add(i);
            }
        }
        putShort(4 + 2 * n);
        putShort(8 + 8 * present.size());
        for (int i = 0; i < n; i++) {
            putShort(fields[i] == null ? 0 : 8 + 8 * present.indexOf(i));
        }
        while (size % 8 != 0) {
            put((byte) 0);
        }
        int table = size;
        putInt(table - vtable);
        putInt(0);
        for (int i = 0; i < present.size(); i++) {
            putLong(0);
        }
        List<Integer> childSlots = new ArrayList<>();
        for (int k = 0; k < present.size(); k++) {
            Object v = fields[present.get(k)];
            int at = table + 8 + 8 * k;
            if (v instanceof Integer x) {
                setInt(at, x);
            } else if (v instanceof Byte x) {
                buf[at] = x;
            } else if (v instanceof Boolean x) {
                buf[at] = (byte) (x ? 1 : 0);
            } else if (v instanceof Double x) {
                setInt(at, (int) Double.doubleToRawLongBits(x));
                setInt(at + 4, (int) (Double.doubleToRawLongBits(x) >>> 32));
            } else {
                childSlots.add(k);
            }
        }
        for (int k : childSlots) {
            int at = table + 8 + 8 * k;
            patchOffset(at, ((Obj) fields[present.get(k)]).write(this));
        }
        return table;
    }

    private void patchOffset(int at, int target) {
        setInt(at, target - at);
    }

    private void put(byte b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = b;
    }

    private void putShort(int v) {
        put((byte) v);
        put((byte) (v >> 8));
    }

    private void putInt(int v) {
        for (int i = 0; i < 4; i++) {
            put((byte) (v >> (8 * i)));
        }
    }

    private void putLong(long v) {
        putInt((int) v);
        putInt((int) (v >>> 32));
    }

    private void setInt(int at, int v) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >> (8 * i));
        }
    }
}
