package org.convpaint.stats;

import org.convpaint.ConvpaintException;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;

/**
 * The values of one timepoint, [C, Z, H, W] in C order, as the statistics read them: from a {@link SourceStack}
 * (in memory, or on demand), or straight from an {@link ImageSource}, of which a computation reads only the rows
 * its range of values touches, each row once, in bands of at most about 2²⁰ values. Immutable; reading is
 * thread-safe as far as the underlying stack or source is.
 */
public final class TimepointValues {
    /** Values read from an {@link ImageSource} at once (whole rows, at least one). */
    private static final int BAND_VALUES = 1 << 20;

    private final PixelType type;
    private final int channels;
    private final int depth;
    private final int height;
    private final int width;
    private final PixelData data;
    private final ImageSource image;
    private final int[] planes;

    /** Reads a run of values in order. Not thread-safe. */
    interface Cursor {
        /**
         * Copies the next {@code len} values into {@code dst[0, len)}.
         *
         * @throws PixelData.ReadFailure if the values cannot be read
         */
        void next(double[] dst, int len);
    }

    private TimepointValues(PixelType type, int channels, int depth, int height, int width, PixelData data,
            ImageSource image, int[] planes) {
        this.type = type;
        this.channels = channels;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.data = data;
        this.image = image;
        this.planes = planes;
    }

    /** The values of {@code stack}. */
    public static TimepointValues of(SourceStack stack) {
        return new TimepointValues(stack.type(), stack.channels(), stack.depth(), stack.height(), stack.width(),
                stack.data(), null, null);
    }

    /**
     * The timepoint whose plane {@code (c, z)} is plane {@code planes[c·depth + z]} of {@code image} (C order over
     * its leading axes, as {@link ImageSource#readPlane} counts them). Read errors surface as
     * {@link PixelData.ReadFailure} carrying the source's {@link ConvpaintException}.
     *
     * @throws IllegalArgumentException if {@code planes} does not hold {@code channels·depth} plane indices of
     *                                  {@code image}
     */
    public static TimepointValues of(ImageSource image, int[] planes, int channels, int depth) {
        int[] shape = image.shape();
        long count = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            count *= shape[i];
        }
        if (channels < 1 || depth < 1 || planes.length != (long) channels * depth) {
            throw new IllegalArgumentException(planes.length + " planes given for " + channels + " channels × "
                    + depth + " planes");
        }
        for (int p : planes) {
            if (p < 0 || p >= count) {
                throw new IllegalArgumentException("plane " + p + " does not exist; the image has " + count);
            }
        }
        return new TimepointValues(image.pixelType(), channels, depth, shape[shape.length - 2],
                shape[shape.length - 1], null, image, planes.clone());
    }

    public PixelType type() {
        return type;
    }

    public int channels() {
        return channels;
    }

    public int depth() {
        return depth;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** A cursor over the values at C-order positions {@code [from, to)}; reads nothing before the first call. */
    Cursor cursor(long from, long to) {
        if (data != null) {
            return new Cursor() {
                private int at = Math.toIntExact(from);

                @Override
                public void next(double[] dst, int len) {
                    data.copy(at, dst, 0, len);
                    at += len;
                }
            };
        }
        return new RowCursor(from, to);
    }

    /** Reads the source in bands of whole rows, from the row of {@code from} to the row of {@code to − 1}. */
    private final class RowCursor implements Cursor {
        private final long to;
        private final int bandRows;
        private double[] band;
        private long at;
        private long bandStart;
        private long bandEnd;

        RowCursor(long from, long to) {
            this.at = from;
            this.to = to;
            // no band longer than the rows the whole run touches
            long runRows = (to - from + width - 1) / width + 1;
            this.bandRows = (int) Math.max(1, Math.min(Math.min(height, BAND_VALUES / width), runRows));
        }

        @Override
        public void next(double[] dst, int len) {
            int off = 0;
            while (off < len) {
                if (at >= bandEnd || at < bandStart) {
                    load();
                }
                int n = (int) Math.min(len - off, bandEnd - at);
                System.arraycopy(band, (int) (at - bandStart), dst, off, n);
                at += n;
                off += n;
            }
        }

        private void load() {
            int planeSize = height * width;
            int slot = (int) (at / planeSize);
            long planeStart = (long) slot * planeSize;
            int y0 = (int) ((at - planeStart) / width);
            long last = Math.min(to, planeStart + planeSize) - 1;
            int y1 = Math.min(y0 + bandRows, (int) ((last - planeStart) / width) + 1);
            if (band == null) {
                band = new double[bandRows * width];
            }
            try {
                image.readRows(planes[slot], y0, y1, band);
            } catch (ConvpaintException e) {
                throw new PixelData.ReadFailure(e);
            }
            bandStart = planeStart + (long) y0 * width;
            bandEnd = planeStart + (long) y1 * width;
        }
    }
}
