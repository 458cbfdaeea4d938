package org.convpaint.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BlockMeanTest {

    @Test
    void eachOutputIsTheMeanOfItsBlock() {
        double[] src = {1, 2, 5, 6, 3, 4, 7, 8};
        double[] dst = new double[2];
        BlockMean.reduce(src, 0, 2, 4, 2, false, dst, 0);
        assertArrayEquals(new double[] {2.5, 6.5}, dst);
    }

    /** numpy sums each block row, then the rows: (a + b) + (c + d), not ((a + b) + c) + d. */
    @Test
    void rowsAreSummedFirstThenAddedInOrder() {
        double a = 1e16;
        double b = 1.0;
        double c = -1e16;
        double d = 1.0;
        double[] dst = new double[1];
        BlockMean.reduce(new double[] {a, b, c, d}, 0, 2, 2, 2, false, dst, 0);
        assertEquals(((0.0 + (a + b)) + (c + d)) / 4, dst[0], 0);
    }

    @Test
    void float32BlocksAreAveragedInSinglePrecision() {
        float a = 0.1f;
        float b = 0.2f;
        double[] dst = new double[1];
        BlockMean.reduce(new double[] {a, b, a, b}, 0, 2, 2, 2, true, dst, 0);
        float expected = ((0f + (a + b)) + (a + b)) / 4f;
        assertEquals(expected, dst[0], 0);
    }
}
