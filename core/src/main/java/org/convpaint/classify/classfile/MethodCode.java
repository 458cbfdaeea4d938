package org.convpaint.classify.classfile;

import java.util.Arrays;

/**
 * The bytecode of one method being written, with forward jumps patched once their target is known. Jumps use
 * 16-bit offsets: the methods written stay far below 32 KB. Not thread-safe.
 */
public final class MethodCode {
    private byte[] code = new byte[256];
    private int size;

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written. */
    public byte[] bytes() {
        return Arrays.copyOf(code, size);
    }

    /** Appends an opcode. */
    public MethodCode op(int opcode) {
        return u1(opcode);
    }

    /** Appends one byte. */
    public MethodCode u1(int value) {
        if (size == code.length) {
            code = Arrays.copyOf(code, 2 * size);
        }
        code[size++] = (byte) value;
        return this;
    }

    /** Appends two bytes, big-endian. */
    public MethodCode u2(int value) {
        return u1(value >>> 8).u1(value);
    }

    /** {@code iload}/{@code istore}/{@code aload} ({@code opcode}) of local {@code n} (at most 255), shortest form. */
    public MethodCode local(int opcode, int n) {
        if (n <= 3) {
            // iload_0 = 0x1a, aload_0 = 0x2a, istore_0 = 0x3b, each followed by _1, _2, _3
            int shortBase = switch (opcode) {
                case 0x15 -> 0x1a;
                case 0x19 -> 0x2a;
                case 0x36 -> 0x3b;
                default -> throw new IllegalArgumentException("opcode " + opcode);
            };
            return op(shortBase + n);
        }
        if (n > 255) {
            throw new IllegalArgumentException("local " + n + " needs the wide form, which is not written");
        }
        return op(opcode).u1(n);
    }

    /** Pushes an int constant: {@code iconst}, {@code bipush}, {@code sipush} or {@code ldc}. */
    public MethodCode pushInt(ClassConstants pool, int value) {
        if (value >= -1 && value <= 5) {
            return op(0x03 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return op(0x10).u1(value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return op(0x11).u2(value);
        }
        return loadConstant(pool.intConstant(value));
    }

    /** {@code ldc} or {@code ldc_w} of a one-word constant. */
    public MethodCode loadConstant(int index) {
        return index <= 255 ? op(0x12).u1(index) : op(0x13).u2(index);
    }

    /** A jump ({@code goto} or {@code if*}) whose target is patched later; returns where it is. */
    public int jump(int opcode) {
        int at = size;
        op(opcode).u2(0);
        return at;
    }

    /** A jump to an earlier position. */
    public void branchTo(int opcode, int target) {
        int at = size;
        op(opcode).u2(target - at);
    }

    /** Sets the target of the jump at {@code at}. */
    public void patch(int at, int target) {
        int offset = target - at;
        if (offset > Short.MAX_VALUE || offset < Short.MIN_VALUE) {
            throw new IllegalStateException("jump of " + offset + " bytes");
        }
        code[at + 1] = (byte) (offset >>> 8);
        code[at + 2] = (byte) offset;
    }

    /**
     * A {@code tableswitch} over {@code low..high} whose targets are set later ({@link #patchCase}); returns where it
     * is. Its table is aligned to 4 bytes from the method's start, as the JVM requires.
     */
    public int tableSwitch(int low, int high) {
        int at = size;
        op(0xaa);
        while (size % 4 != 0) {
            u1(0);
        }
        u4(0);
        u4(low);
        u4(high);
        for (long i = low; i <= high; i++) {
            u4(0);
        }
        return at;
    }

    /**
     * Sets a target of the {@code tableswitch} at {@code at}: case {@code value}, or the default for
     * {@code Integer.MIN_VALUE} (never a case: the cases are the switch's {@code low..high}).
     */
    public void patchCase(int at, int value, int target) {
        int table = (at + 4) & ~3;
        int low = s4(table + 4);
        int slot = value == Integer.MIN_VALUE ? table : table + 12 + 4 * (value - low);
        put4(slot, target - at);
    }

    private MethodCode u4(int value) {
        return u2(value >>> 16).u2(value);
    }

    private int s4(int at) {
        return (code[at] & 0xff) << 24 | (code[at + 1] & 0xff) << 16 | (code[at + 2] & 0xff) << 8 | code[at + 3] & 0xff;
    }

    private void put4(int at, int value) {
        code[at] = (byte) (value >>> 24);
        code[at + 1] = (byte) (value >>> 16);
        code[at + 2] = (byte) (value >>> 8);
        code[at + 3] = (byte) value;
    }
}
