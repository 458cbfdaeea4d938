package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class DTypeTest {

    /** Every one of the 65536 half-precision bit patterns, against the IEEE 754 definition. */
    @Test
    void everyFloat16ValueConvertsExactly() {
        for (int h = 0; h < 65536; h++) {
            int sign = h >>> 15;
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            float got = DType.halfToFloat((short) h);
            if (exp == 31) {
                assertTrue(mant == 0 ? Float.isInfinite(got) : Float.isNaN(got), Integer.toHexString(h));
                continue;
            }
            double magnitude = exp == 0 ? mant * Math.pow(2, -24) : (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            double expected = sign == 1 ? -magnitude : magnitude;
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got), Integer.toHexString(h));
        }
    }

    @Test
    void bfloat16IsTheUpperHalfOfFloat32() {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x3fc0).putShort((short) 0xc2f7).flip();
        float[] out = new float[2];
        DType.BFLOAT16.decode(b, out, 0, 2);
        assertEquals(1.5f, out[0]);
        assertEquals(-123.5f, out[1]);
    }

    @Test
    void integerAndBoolStoragesConvertToFloat() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(-(1L << 40)).put((byte) 0xff).put((byte) 0xff).put((byte) 2).flip();
        float[] out = new float[4];
        DType.INT64.decode(b, out, 0, 1);
        DType.UINT8.decode(b, out, 1, 1);
        DType.INT8.decode(b, out, 2, 1);
        DType.BOOL.decode(b, out, 3, 1);
        assertEquals(-(float) (1L << 40), out[0]);
        assertEquals(255f, out[1]);
        assertEquals(-1f, out[2]);
        assertEquals(1f, out[3]);
    }
}
