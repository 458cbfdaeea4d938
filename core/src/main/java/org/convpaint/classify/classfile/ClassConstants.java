package org.convpaint.classify.classfile;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The constant pool of a class file being written: UTF-8 strings, classes, method references and int and float
 * constants, each entered once. Not thread-safe.
 */
public final class ClassConstants {
    /** Largest number of entries a class file can hold (indices are unsigned 16-bit, from 1). */
    public static final int LIMIT = 65_535;

    private final List<byte[]> entries = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private int thisClass;

    /** Entries so far (the next index is one more). */
    public int size() {
        return entries.size();
    }

    /** Enters the class being written ({@code internalName}: slashes, as {@code org/example/Name}). */
    public void setThisClass(String internalName) {
        thisClass = classRef(internalName);
    }

    /** Index of the class being written ({@link #setThisClass}). */
    public int thisClass() {
        return thisClass;
    }

    /** Index of a UTF-8 entry (ASCII names and descriptors). */
    public int utf8(String s) {
        return entry("U" + s, () -> {
            byte[] text = s.getBytes(java.nio.charset.StandardCharsets.UTF_8); // names here are ASCII
            byte[] e = new byte[3 + text.length];
            e[0] = 1;
            e[1] = (byte) (text.length >>> 8);
            e[2] = (byte) text.length;
            System.arraycopy(text, 0, e, 3, text.length);
            return e;
        });
    }

    /** Index of a class entry. */
    public int classRef(String internalName) {
        int name = utf8(internalName);
        return entry("C" + internalName, () -> tagged(7, name));
    }

    /** Index of a method reference to {@code name}{@code descriptor} of class entry {@code owner}. */
    public int methodRef(int owner, String name, String descriptor) {
        int n = utf8(name);
        int d = utf8(descriptor);
        int nameAndType = entry("N" + name + ' ' + descriptor, () -> tagged(12, n, d));
        return entry("M" + owner + ' ' + nameAndType, () -> tagged(10, owner, nameAndType));
    }

    /** Index of an int constant. */
    public int intConstant(int value) {
        return entry("I" + value, () -> word(3, value));
    }

    /** The float with exactly these bits (NaN payloads and the sign of zero kept). */
    public int floatConstant(float value) {
        int bits = Float.floatToRawIntBits(value);
        return entry("F" + bits, () -> word(4, bits));
    }

    /**
     * Writes the count and the entries, as the class file holds them.
     *
     * @throws IllegalStateException if there are more entries than a class file can hold
     */
    public void write(DataOutputStream out) throws IOException {
        if (entries.size() >= LIMIT) {
            throw new IllegalStateException(entries.size() + " constants: over the class-file limit");
        }
        out.writeShort(entries.size() + 1);
        for (byte[] e : entries) {
            out.write(e);
        }
    }

    private int entry(String key, java.util.function.Supplier<byte[]> bytes) {
        Integer at = index.get(key);
        if (at != null) {
            return at;
        }
        entries.add(bytes.get());
        index.put(key, entries.size());
        return entries.size();
    }

    private static byte[] tagged(int tag, int... u2) {
        byte[] e = new byte[1 + 2 * u2.length];
        e[0] = (byte) tag;
        for (int i = 0; i < u2.length; i++) {
            e[1 + 2 * i] = (byte) (u2[i] >>> 8);
            e[2 + 2 * i] = (byte) u2[i];
        }
        return e;
    }

    private static byte[] word(int tag, int value) {
        return new byte[] {(byte) tag, (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
            (byte) value};
    }
}
