package org.convpaint.classify.classfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MethodCodeTest {

    @Test
    void intConstantsTakeTheShortestForm() {
        ClassConstants pool = new ClassConstants();
        assertArrayEquals(new byte[] {0x02}, new MethodCode().pushInt(pool, -1).bytes()); // iconst_m1
        assertArrayEquals(new byte[] {0x08}, new MethodCode().pushInt(pool, 5).bytes()); // iconst_5
        assertArrayEquals(new byte[] {0x10, -128}, new MethodCode().pushInt(pool, -128).bytes()); // bipush
        assertArrayEquals(new byte[] {0x11, 0x7f, -1}, new MethodCode().pushInt(pool, 32767).bytes()); // sipush
        assertEquals(0, pool.size());
        byte[] ldc = new MethodCode().pushInt(pool, 32768).bytes();
        assertArrayEquals(new byte[] {0x12, 1}, ldc); // ldc #1
        assertEquals(1, pool.size());
    }

    @Test
    void constantsAreEnteredOnceAndWideIndicesUseLdcW() {
        ClassConstants pool = new ClassConstants();
        int a = pool.floatConstant(0.5f);
        assertEquals(a, pool.floatConstant(0.5f));
        // -0.0 and 0.0 are different constants: the bits are kept
        assertNotEquals(pool.floatConstant(0.0f), pool.floatConstant(-0.0f));
        for (int i = 0; i < 300; i++) {
            pool.intConstant(100_000 + i);
        }
        int late = pool.intConstant(100_299);
        assertEquals(late, pool.intConstant(100_299));
        byte[] ldcW = new MethodCode().loadConstant(late).bytes();
        assertArrayEquals(new byte[] {0x13, (byte) (late >>> 8), (byte) late}, ldcW);
    }

    @Test
    void forwardJumpsArePatchedAndLongOnesRefused() {
        MethodCode c = new MethodCode();
        int at = c.jump(0xa7);
        c.op(0x00).op(0x00);
        c.patch(at, c.size());
        assertArrayEquals(new byte[] {(byte) 0xa7, 0, 5, 0, 0}, c.bytes());
        assertThrows(IllegalStateException.class, () -> c.patch(at, at + 40_000));
        assertThrows(IllegalArgumentException.class, () -> new MethodCode().local(0x15, 256));
    }

    @Test
    void tableSwitchTablesAreAlignedAndTheirTargetsPatched() {
        MethodCode c = new MethodCode();
        c.op(0x1a); // iload_0: the switch starts at 1, its table at 4
        int at = c.tableSwitch(7, 8);
        assertEquals(1, at);
        int end = c.size();
        assertEquals(4 + 3 * 4 + 2 * 4, end);
        c.patchCase(at, Integer.MIN_VALUE, end);
        c.patchCase(at, 8, end + 1);
        byte[] b = c.bytes();
        assertArrayEquals(new byte[] {0x1a, (byte) 0xaa, 0, 0, // padding to 4
            0, 0, 0, (byte) (end - at), // default
            0, 0, 0, 7, 0, 0, 0, 8, // low, high
            0, 0, 0, 0, // case 7: not set
            0, 0, 0, (byte) (end + 1 - at)}, b);
    }
}
