package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;

class RowBandsTest {
    private static final int H = 300;
    private static final int W = 7000;

    /** Planes of int16 values held in memory, counting the rows it was asked for. */
    private static final class Planes implements ImageSource {
        final double[][] planes;
        int rowsRead;
        boolean broken;

        Planes(int n, long seed) {
            Random rnd = new Random(seed);
            planes = new double[n][H * W];
            for (double[] p : planes) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = rnd.nextInt(65536) - 32768;
                }
            }
        }

        @Override
        public String axes() {
            return "ZYX";
        }

        @Override
        public int[] shape() {
            return new int[] {planes.length, H, W};
        }

        @Override
        public PixelType pixelType() {
            return PixelType.INT16;
        }

        @Override
        public Calibration calibration() {
            return Calibration.UNKNOWN;
        }

        @Override
        public void readPlane(int index, double[] dst) throws ConvpaintException {
            readRows(index, 0, H, dst);
        }

        @Override
        public void readRows(int index, int y0, int y1, double[] dst) throws ConvpaintException {
            if (broken) {
                throw new InvalidInputException("damaged strip", null);
            }
            rowsRead += y1 - y0;
            System.arraycopy(planes[index], y0 * W, dst, 0, (y1 - y0) * W);
        }
    }

    @Test
    void valuesReadOnDemandEqualThePlanesInTheGivenOrder() {
        Planes src = new Planes(3, 1);
        int[] order = {2, 0, 1};
        PixelData d = PixelData.onDemand(3 * H * W, PixelType.INT16,
                new RowBands(src, order, PixelType.INT16, H, W, 1 << 20));
        Random rnd = new Random(2);
        for (int k = 0; k < 300; k++) {
            int len = 1 + rnd.nextInt(3 * W + 5);
            int from = rnd.nextInt(3 * H * W - len);
            double[] got = new double[len + 2];
            d.copy(from, got, 1, len);
            for (int i = 0; i < len; i++) {
                int v = from + i;
                assertEquals(src.planes[order[v / (H * W)]][v % (H * W)], got[1 + i], "value " + v);
            }
        }
        assertEquals(src.planes[1][H * W - 1], d.get(3 * H * W - 1));
    }

    @Test
    void aSequentialPassReadsEachRowOnce() {
        Planes src = new Planes(1, 3);
        PixelData d = PixelData.onDemand(H * W, PixelType.INT16, new RowBands(src, new int[] {0}, PixelType.INT16,
                H, W, 1 << 20));
        double[] all = new double[H * W];
        for (int s = 0; s < all.length; s += 8192) {
            d.copy(s, all, s, Math.min(8192, all.length - s));
        }
        assertArrayEquals(src.planes[0], all);
        assertEquals(H, src.rowsRead);
    }

    @Test
    void aReadErrorCarriesTheSourcesException() {
        Planes src = new Planes(1, 4);
        src.broken = true;
        PixelData d = PixelData.onDemand(H * W, PixelType.INT16, new RowBands(src, new int[] {0}, PixelType.INT16,
                H, W, 1 << 20));
        PixelData.ReadFailure e = assertThrows(PixelData.ReadFailure.class, () -> d.get(5));
        assertSame(InvalidInputException.class, e.failure().getClass());
        assertThrows(UnsupportedOperationException.class, () -> d.set(0, new double[1], 0, 1));
    }
}
