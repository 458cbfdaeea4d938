package org.convpaint.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;

/**
 * convpaint's {@code seg_smoothening}: {@code skimage.filters.rank.majority(seg, disk(r))}, per plane for 3-D
 * labels. Each pixel takes the most frequent label among the footprint pixels that lie inside the image;
 * ties go to the smallest label. {@code disk(r)} = {(dy, dx) : dy² + dx² ≤ r²}. Radius ≤ 1 changes nothing.
 * Output rows depend only on the input rows within r of them, so labels in a scratch file are smoothed a band of
 * rows at a time. Stateless.
 */
public final class MajoritySmoothing {
    /** Output rows smoothed per band. */
    static final int BAND_ROWS = 256;

    private MajoritySmoothing() {
    }

    /**
     * {@link #apply(IntGrid, IntGrid, int, int)} for labels in an array.
     *
     * @return smoothed labels [Z, H, W] (a new array; the input is not modified), the input itself for radius ≤ 1
     */
    public static int[] apply(int[] labels, int depth, int height, int width, int radius) {
        if (radius <= 1) {
            return labels;
        }
        IntArrayGrid out = IntArrayGrid.zeros(GridShape.of(depth, height, width));
        try {
            apply(IntArrayGrid.of(labels, depth, height, width), out, radius, BAND_ROWS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("labels in memory cannot fail to be read", e);
        }
        return out.array();
    }

    /**
     * Smooths {@code in} into {@code out} (same shape [1, Z, H, W]; in the heap or in scratch files alike) band by
     * band, holding about {@code bandRows} + 2r rows. With radius ≤ 1 the labels are copied unchanged.
     */
    static void apply(IntGrid in, IntGrid out, int radius, int bandRows) throws IOException {
        apply(in, out, radius, bandRows, 0, in.shape().height());
    }

    /**
     * {@link #apply(IntGrid, IntGrid, int, int)} for output rows [yFrom, yTo) of every plane only, which read the
     * input rows within the radius of them.
     */
    static void apply(IntGrid in, IntGrid out, int radius, int bandRows, int yFrom, int yTo) throws IOException {
        if (!in.shape().equals(out.shape()) || in.shape().channels() != 1) {
            throw new IllegalArgumentException("labels of " + in.shape() + " into " + out.shape());
        }
        int h = in.shape().height();
        int w = in.shape().width();
        int r = Math.max(0, radius);
        int[][] disk = disk(r);
        int[] src = new int[0];
        int[] dst = new int[0];
        for (int z = 0; z < in.shape().depth(); z++) {
            for (int y0 = yFrom; y0 < yTo; y0 += bandRows) {
                int y1 = Math.min(yTo, y0 + bandRows);
                int s0 = Math.max(0, y0 - r);
                int s1 = Math.min(h, y1 + r);
                if (src.length < (s1 - s0) * w) {
                    src = new int[(s1 - s0) * w];
                    dst = new int[Math.min(bandRows, h) * w];
                }
                in.readRows(0, z, s0, s1, src, 0);
                if (radius <= 1) {
                    out.writeRows(0, z, y0, y1, src, (y0 - s0) * w);
                    continue;
                }
                smoothRows(src, 0, s0, s1 - s0, h, w, disk, y0, y1, dst, 0);
                out.writeRows(0, z, y0, y1, dst, 0);
            }
        }
    }

    /**
     * Output rows [y0, y1) of one plane into {@code out} from {@code outOff}, from the plane's rows
     * [srcY0, srcY0 + srcRows) stored at {@code src[srcOff ..]}, which must include every row within the radius.
     */
    private static void smoothRows(int[] src, int srcOff, int srcY0, int srcRows, int height, int width,
            int[][] disk, int y0, int y1, int[] out, int outOff) {
        int n = srcRows * width;
        int[] values = distinctSorted(src, srcOff, srcOff + n);
        // ties go to the smallest value: only the order of the values matters, so the band's own values suffice
        int[] index = new int[n];
        int last = 0;
        for (int i = 0; i < n; i++) {
            int v = src[srcOff + i];
            if (values[last] != v) {
                last = Arrays.binarySearch(values, v);
            }
            index[i] = last;
        }
        int[] counts = new int[values.length];
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < width; x++) {
                Arrays.fill(counts, 0);
                for (int[] o : disk) {
                    int yy = y + o[0];
                    int xx = x + o[1];
                    if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                        counts[index[(yy - srcY0) * width + xx]]++;
                    }
                }
                int best = 0;
                for (int v = 1; v < counts.length; v++) {
                    if (counts[v] > counts[best]) {
                        best = v;
                    }
                }
                out[outOff + (y - y0) * width + x] = values[best];
            }
        }
    }

    /** The distinct values of {@code a[from, to)}, ascending (labels come in runs of few distinct values). */
    static int[] distinctSorted(int[] a, int from, int to) {
        int[] seen = new int[0];
        int prev = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            int v = a[i];
            if (any && v == prev) {
                continue;
            }
            any = true;
            prev = v;
            int at = Arrays.binarySearch(seen, v);
            if (at < 0) {
                int ins = -at - 1;
                int[] grown = new int[seen.length + 1];
                System.arraycopy(seen, 0, grown, 0, ins);
                grown[ins] = v;
                System.arraycopy(seen, ins, grown, ins + 1, seen.length - ins);
                seen = grown;
            }
        }
        return seen;
    }

    static int[][] disk(int r) {
        List<int[]> offsets = new ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dy * dy + dx * dx <= r * r) {
                    offsets.add(new int[] {dy, dx});
                }
            }
        }
        return offsets.toArray(new int[0][]);
    }
}
