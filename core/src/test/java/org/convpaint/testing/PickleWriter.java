package org.convpaint.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle byte streams opcode by opcode, so that tests can build hostile or unusual pickles by hand without
 * Python. Each method appends one opcode with its argument.
 */
public final class PickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PickleWriter proto(int version) {
        out.write(0x80);
        out.write(version);
        return this;
    }

    /** {@code GLOBAL module\nname\n} (protocols 0–3 style). */
    public PickleWriter global(String module, String name) {
        out.write('c');
        raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** {@code SHORT_BINUNICODE}. */
    public PickleWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(0x8c);
        out.write(b.length);
        raw(b);
        return this;
    }

    public PickleWriter stackGlobal() {
        return op(0x93);
    }

    public PickleWriter mark() {
        return op('(');
    }

    public PickleWriter tuple() {
        return op('t');
    }

    public PickleWriter tuple1() {
        return op(0x85);
    }

    public PickleWriter tuple2() {
        return op(0x86);
    }

    public PickleWriter emptyTuple() {
        return op(')');
    }

    public PickleWriter emptyDict() {
        return op('}');
    }

    public PickleWriter emptyList() {
        return op(']');
    }

    public PickleWriter setItems() {
        return op('u');
    }

    public PickleWriter setItem() {
        return op('s');
    }

    public PickleWriter appends() {
        return op('e');
    }

    public PickleWriter reduce() {
        return op('R');
    }

    public PickleWriter newObj() {
        return op(0x81);
    }

    public PickleWriter build() {
        return op('b');
    }

    public PickleWriter none() {
        return op('N');
    }

    public PickleWriter bool(boolean v) {
        return op(v ? 0x88 : 0x89);
    }

    public PickleWriter stop() {
        return op('.');
    }

    /** {@code BININT} (4-byte signed little-endian). */
    public PickleWriter integer(int v) {
        out.write('J');
        le(v, 4);
        return this;
    }

    /** {@code BINFLOAT} (8-byte big-endian double). */
    public PickleWriter floating(double v) {
        out.write('G');
        long bits = Double.doubleToLongBits(v);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** {@code BINBYTES} with the true length. */
    public PickleWriter bytes(byte[] b) {
        out.write('B');
        le(b.length, 4);
        raw(b);
        return this;
    }

    /** {@code BINBYTES8} claiming {@code claimed} bytes, followed by the bytes actually given. */
    public PickleWriter bytes8Claiming(long claimed, byte[] actual) {
        out.write(0x8e);
        le(claimed, 8);
        raw(actual);
        return this;
    }

    public PickleWriter memoize() {
        return op(0x94);
    }

    /** {@code BINGET} of memo entry {@code i} (0..255). */
    public PickleWriter get(int i) {
        out.write('h');
        out.write(i);
        return this;
    }

    public PickleWriter append() {
        return op('a');
    }

    public PickleWriter list() {
        return op('l');
    }

    public PickleWriter frozenset() {
        return op(0x91);
    }

    public PickleWriter popMark() {
        return op('1');
    }

    /** {@code BININT1} (0..255). */
    public PickleWriter smallInt(int v) {
        out.write('K');
        out.write(v);
        return this;
    }

    /** {@code LONG4} with {@code n} bytes of {@code 0x01}. */
    public PickleWriter long4(int n) {
        out.write(0x8b);
        le(n, 4);
        for (int i = 0; i < n; i++) {
            out.write(1);
        }
        return this;
    }

    /** {@code BINUNICODE} (4-byte length), for strings longer than 255 bytes. */
    public PickleWriter longStr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        le(b.length, 4);
        raw(b);
        return this;
    }

    /** Appends {@code times} copies of the bytes {@code ops}. */
    public PickleWriter repeat(String ops, int times) {
        byte[] b = ops.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < times; i++) {
            out.write(b, 0, b.length);
        }
        return this;
    }

    public PickleWriter op(int code) {
        out.write(code);
        return this;
    }

    public PickleWriter raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    private void le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}
