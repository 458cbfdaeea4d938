package org.convpaint.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.numpy.Half;

/** Random images of every pixel type, and an {@link ImageSource} over them that records the rows read. */
final class StatisticsImages {
    private StatisticsImages() {
    }

    /** How values are drawn. */
    enum Spread {
        /** Small spread around an offset: sums that lose bits, deviations far smaller than the values. */
        OFFSET,
        /** The type's whole range: uint32/int32 extremes, float32 squares overflowing, float16 sums overflowing. */
        LARGE,
        /** Values in [0, 1) (the ImageNet range check passes for floats). */
        UNIT,
        /** OFFSET with a NaN at one position (floats only; integers as OFFSET). */
        NAN
    }

    static ImageStack random(PixelType type, int c, int z, int h, int w, Spread spread, long seed) {
        Random r = new Random(seed);
        double[] d = new double[c * z * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = value(r, type, spread);
        }
        if (spread == Spread.NAN && type.isFloating()) {
            d[r.nextInt(d.length)] = Double.NaN;
        }
        return new ImageStack(c, z, h, w, d, type);
    }

    private static double value(Random r, PixelType t, Spread spread) {
        if (t.isInteger()) {
            double lo = t.minValue();
            double hi = t.maxValue();
            if (spread == Spread.UNIT) {
                hi = Math.min(hi, 1);
            } else if (spread != Spread.LARGE) {
                lo = Math.max(lo, 0);
                hi = Math.min(hi, 200);
            }
            return Math.floor(lo + r.nextDouble() * (hi - lo + 1));
        }
        double v = switch (spread) {
            case UNIT -> r.nextDouble();
            case LARGE -> t == PixelType.FLOAT16 ? r.nextGaussian() * 20000 + 30000
                    : t == PixelType.FLOAT32 ? r.nextGaussian() * 3e20 : r.nextGaussian() * 1e150;
            default -> t == PixelType.FLOAT16 ? r.nextGaussian() * 30 + 200 : r.nextGaussian() * 1e3 + 1e7;
        };
        return t == PixelType.FLOAT16 ? Half.round((float) v) : t == PixelType.FLOAT32 ? (float) v : v;
    }

    /** An image source whose planes are the planes of {@code stack} (axes CZYX), recording each row it reads. */
    static final class Recording implements ImageSource {
        private final ImageStack stack;
        private final List<int[]> reads = new ArrayList<>();
        private volatile boolean failing;

        Recording(ImageStack stack) {
            this.stack = stack;
        }

        /** Makes every following read fail. */
        void fail() {
            failing = true;
        }

        /** {plane, row} of every row read, in order. */
        synchronized List<int[]> rowsRead() {
            return List.copyOf(reads);
        }

        synchronized void clear() {
            reads.clear();
        }

        /** The plane indices of the stack's planes, (c, z) at c·depth + z. */
        int[] planes() {
            int[] p = new int[stack.channels() * stack.depth()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            return p;
        }

        @Override
        public String axes() {
            return "CZYX";
        }

        @Override
        public int[] shape() {
            return new int[] {stack.channels(), stack.depth(), stack.height(), stack.width()};
        }

        @Override
        public PixelType pixelType() {
            return stack.type();
        }

        @Override
        public Calibration calibration() {
            return Calibration.UNKNOWN;
        }

        @Override
        public void readPlane(int index, double[] dst) throws ConvpaintException {
            readRows(index, 0, stack.height(), dst);
        }

        @Override
        public synchronized void readRows(int index, int y0, int y1, double[] dst) throws ConvpaintException {
            if (failing) {
                throw new InvalidInputException("damaged plane " + index, null);
            }
            int w = stack.width();
            for (int y = y0; y < y1; y++) {
                reads.add(new int[] {index, y});
            }
            System.arraycopy(stack.data(), index * stack.planeSize() + y0 * w, dst, 0, (y1 - y0) * w);
        }
    }
}
