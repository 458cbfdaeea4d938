package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.convpaint.resample.SkimageResize;
import org.junit.jupiter.api.Test;

class ValueRangeTest {
    @Test
    void piecesInAnyOrderGiveTheBoundsOfTheWholeArray() {
        Random rnd = new Random(3);
        double[] all = new double[1000];
        for (int i = 0; i < all.length; i++) {
            all[i] = rnd.nextGaussian() * (i % 7 == 0 ? 1e6 : 1);
        }
        all[17] = -0.0;
        all[18] = 0.0;
        ValueRange r = new ValueRange();
        for (int from = all.length; from > 0; from -= 37) {
            int start = Math.max(0, from - 37);
            r.accept(all, start, from - start);
        }
        double[] expected = SkimageResize.bounds(all, all.length);
        double[] got = r.bounds();
        assertEquals(Double.doubleToRawLongBits(expected[0]), Double.doubleToRawLongBits(got[0]));
        assertEquals(Double.doubleToRawLongBits(expected[1]), Double.doubleToRawLongBits(got[1]));
    }

    @Test
    void aNanDisablesTheClipAsSkimageDoes() {
        ValueRange r = new ValueRange();
        r.accept(new double[] {1, 2, 3}, 0, 3);
        assertArrayEquals(new double[] {1, 3}, r.bounds(), 0);
        r.accept(new double[] {0.5, Double.NaN}, 0, 2);
        assertTrue(Double.isNaN(r.bounds()[0]) && Double.isNaN(r.bounds()[1]));
        assertTrue(Double.isNaN(SkimageResize.bounds(new double[] {0.5, Double.NaN}, 2)[0]));
    }
}
