package org.convpaint.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PixelDataTest {

    private static void roundTrips(PixelType type, double[] values, int bytesPerValue) {
        PixelData d = PixelData.of(values, type);
        assertEquals((long) bytesPerValue * values.length, d.bytes(), type + " storage");
        double[] back = new double[values.length + 2];
        d.copy(0, back, 1, values.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], back[i + 1], type + " value " + i);
            assertEquals(values[i], d.get(i), type + " get " + i);
        }
        PixelData part = PixelData.allocate(values.length, type);
        part.set(1, values, 1, values.length - 1);
        assertEquals(0.0, part.get(0));
        assertEquals(values[values.length - 1], part.get(values.length - 1));
    }

    @Test
    void everyPixelTypeKeepsItsExactValuesInItsOwnWidth() {
        roundTrips(PixelType.UINT8, new double[] {0, 1, 127, 128, 255}, 1);
        roundTrips(PixelType.INT8, new double[] {-128, -1, 0, 1, 127}, 1);
        roundTrips(PixelType.UINT16, new double[] {0, 1, 32767, 32768, 65535}, 2);
        roundTrips(PixelType.INT16, new double[] {-32768, -1, 0, 1, 32767}, 2);
        roundTrips(PixelType.UINT32, new double[] {0, 1, 2147483648.0, 4294967295.0}, 8);
        roundTrips(PixelType.INT32, new double[] {-2147483648.0, -1, 0, 2147483647.0}, 8);
        roundTrips(PixelType.FLOAT32, new double[] {0, -1.5, 3.4028234663852886E38, 1.401298464324817E-45}, 4);
        roundTrips(PixelType.FLOAT64, new double[] {0, 0.1, -1e300, Double.MIN_VALUE}, 8);
    }

    @Test
    void nonFiniteFloatsSurvive() {
        double[] v = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] back = new double[3];
        PixelData.of(v, PixelType.FLOAT32).copy(0, back, 0, 3);
        assertArrayEquals(v, back);
    }
}
