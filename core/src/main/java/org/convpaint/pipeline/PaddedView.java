package org.convpaint.pipeline;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;
import org.convpaint.resample.BlockMean;
import org.convpaint.resample.Reflect;

/**
 * The extractor input of one timepoint — normalised, downsampled ({@code image_downsample}) and reflect-padded —
 * computed on demand for any window, so that the whole padded image never has to exist in memory. Every value
 * is computed exactly as the whole-image stages compute it ({@link Normalization}, {@link Downsampling},
 * {@link Padding}); windows of it are bit-identical to crops of the whole.
 *
 * <p>Coordinates: padded grid {@code [0, paddedHeight) × [0, paddedWidth)}; the image occupies
 * {@code [pad.top, pad.top + height) × [pad.left, pad.left + width)} of it, where height/width are the
 * downsampled sizes. Immutable and thread-safe.
 */
public final class PaddedView {
    private final SourceStack src;
    private final Normalization norm;
    private final int k;
    private final Padding.Amounts pad;
    private final int height;
    private final int width;
    private final int preTop;
    private final int preLeft;
    private final PixelType type;

    /**
     * @param src        the raw timepoint [C, Z, H, W]
     * @param norm       its normalisation (statistics over the whole timepoint)
     * @param downsample image_downsample
     * @param pad        padding amounts for the downsampled size
     */
    /** Bytes held by the source image this view reads. */
    long sourceBytes() {
        return src.data().bytes();
    }

    /** Pixels of one channel of the source (Z·H·W at full resolution). */
    long sourcePixels() {
        return (long) src.depth() * src.height() * src.width();
    }

    public PaddedView(SourceStack src, Normalization norm, int downsample, Padding.Amounts pad) {
        this.src = src;
        this.norm = norm;
        this.k = downsample;
        this.pad = pad;
        if (k > 1) {
            int padH = (k - src.height() % k) % k;
            int padW = (k - src.width() % k) % k;
            this.preTop = padH / 2;
            this.preLeft = padW / 2;
            this.height = (src.height() + padH) / k;
            this.width = (src.width() + padW) / k;
        } else if (k < -1) {
            this.preTop = 0;
            this.preLeft = 0;
            this.height = src.height() * -k;
            this.width = src.width() * -k;
        } else {
            this.preTop = 0;
            this.preLeft = 0;
            this.height = src.height();
            this.width = src.width();
        }
        PixelType n = norm.outputType();
        this.type = k > 1 && !n.isFloating() ? PixelType.FLOAT64 : n;
    }

    /** Size of the image after downsampling (before padding). */
    public static int[] downsampledSize(int h, int w, int k) {
        if (k > 1) {
            return new int[] {(h + k - 1) / k, (w + k - 1) / k};
        }
        if (k < -1) {
            return new int[] {h * -k, w * -k};
        }
        return new int[] {h, w};
    }

    public int paddedHeight() {
        return height + pad.top() + pad.bottom();
    }

    public int paddedWidth() {
        return width + pad.left() + pad.right();
    }

    /** Downsampled image height (the part of the padded grid that is image). */
    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Padding.Amounts padding() {
        return pad;
    }

    public int channels() {
        return src.channels();
    }

    public int depth() {
        return src.depth();
    }

    /** Pixel type of the values (the dtype convpaint's arrays have at this point). */
    public PixelType type() {
        return type;
    }

    /** The window {@code [y0, y1) × [x0, x1)} of plane {@code z}, all channels: [C, 1, y1−y0, x1−x0]. */
    public ImageStack window(int z, int y0, int y1, int x0, int x1) {
        int h = y1 - y0;
        int w = x1 - x0;
        int[] rows = new int[h];
        int[] cols = new int[w];
        for (int y = 0; y < h; y++) {
            rows[y] = Reflect.index(y0 + y - pad.top(), height);
        }
        for (int x = 0; x < w; x++) {
            cols[x] = Reflect.index(x0 + x - pad.left(), width);
        }
        int r0 = min(rows);
        int r1 = max(rows) + 1;
        int c0 = min(cols);
        int c1 = max(cols) + 1;
        double[] out = new double[src.channels() * h * w];
        for (int c = 0; c < src.channels(); c++) {
            double[] d = downsampled(c, z, r0, r1, c0, c1);
            int dw = c1 - c0;
            int o = c * h * w;
            for (int y = 0; y < h; y++) {
                int row = (rows[y] - r0) * dw - c0;
                for (int x = 0; x < w; x++) {
                    out[o + y * w + x] = d[row + cols[x]];
                }
            }
        }
        return new ImageStack(src.channels(), 1, h, w, out, type);
    }

    /** Rows [r0, r1) × columns [c0, c1) of the downsampled, normalised plane (c, z). */
    private double[] downsampled(int c, int z, int r0, int r1, int c0, int c1) {
        if (k > 1) {
            int ph = (r1 - r0) * k;
            int pw = (c1 - c0) * k;
            double[] pre = normalized(c, z, r0 * k - preTop, ph, c0 * k - preLeft, pw);
            double[] out = new double[(r1 - r0) * (c1 - c0)];
            BlockMean.reduce(pre, 0, ph, pw, k, norm.outputType(), out, 0);
            return out;
        }
        if (k < -1) {
            int m = -k;
            int sr0 = r0 / m;
            int sc0 = c0 / m;
            int sh = (r1 - 1) / m - sr0 + 1;
            int sw = (c1 - 1) / m - sc0 + 1;
            double[] s = normalized(c, z, sr0, sh, sc0, sw);
            double[] out = new double[(r1 - r0) * (c1 - c0)];
            for (int y = r0; y < r1; y++) {
                for (int x = c0; x < c1; x++) {
                    out[(y - r0) * (c1 - c0) + x - c0] = s[(y / m - sr0) * sw + x / m - sc0];
                }
            }
            return out;
        }
        return normalized(c, z, r0, r1 - r0, c0, c1 - c0);
    }

    /**
     * Normalised source values of plane (c, z) for rows {@code y0 .. y0+h} and columns {@code x0 .. x0+w} of the
     * source, indices outside the image reflected (the centred pre-pad of downsampling).
     */
    private double[] normalized(int c, int z, int y0, int h, int x0, int w) {
        int sh = src.height();
        int sw = src.width();
        int[] cols = new int[w];
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int x = 0; x < w; x++) {
            cols[x] = Reflect.index(x0 + x, sw);
            lo = Math.min(lo, cols[x]);
            hi = Math.max(hi, cols[x]);
        }
        int span = hi - lo + 1;
        double[] raw = new double[span];
        double[] normRow = new double[span];
        double[] out = new double[h * w];
        int plane = src.planeOffset(c, z);
        for (int y = 0; y < h; y++) {
            int sy = Reflect.index(y0 + y, sh);
            src.data().copy(plane + sy * sw + lo, raw, 0, span);
            norm.applyPlane(raw, 0, span, c, z, normRow, 0);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = normRow[cols[x] - lo];
            }
        }
        return out;
    }

    private static int min(int[] a) {
        int m = Integer.MAX_VALUE;
        for (int v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static int max(int[] a) {
        int m = Integer.MIN_VALUE;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
