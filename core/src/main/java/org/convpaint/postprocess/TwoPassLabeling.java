package org.convpaint.postprocess;

import java.io.IOException;
import java.util.Arrays;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;

/**
 * {@link InstanceLabeling}'s numbering computed in two passes over bands of rows, for labels that may live in
 * scratch files. Pass 1 gives each pixel a provisional label in raster order (a new one when no earlier neighbour
 * of its class — 8-connected in its plane, all 9 in the plane before — has one), merges the labels that meet with a
 * union–find whose roots are the smallest, i.e. raster-first, label of each component, and writes the provisional
 * labels to the output. Pass 2 rewrites the output with each component's final number: components ordered by class,
 * then by root (raster order of their first pixel). Memory: the rows of a band plus three ints per provisional label
 * (at most one per run of a class along a row). Not thread-safe.
 */
final class TwoPassLabeling {
    private int[] parent = new int[1024];
    private int[] classOf = new int[1024];
    private int count;

    private TwoPassLabeling() {
    }

    /**
     * @param semantic class labels [1, Z, H, W]; 0 = background
     * @param out      receives the instance labels (same shape; provisional labels in between)
     * @param bandRows rows read and written at a time
     */
    static void label(IntGrid semantic, IntGrid out, int bandRows) throws IOException {
        if (!semantic.shape().equals(out.shape()) || semantic.shape().channels() != 1) {
            throw new IllegalArgumentException("labels of " + semantic.shape() + " into " + out.shape());
        }
        TwoPassLabeling u = new TwoPassLabeling();
        u.provisional(semantic, out, Math.max(1, bandRows));
        u.renumber(out, Math.max(1, bandRows));
    }

    private void provisional(IntGrid semantic, IntGrid out, int bandRows) throws IOException {
        GridShape shape = semantic.shape();
        int h = shape.height();
        int w = shape.width();
        int rows = Math.min(bandRows, h);
        int[] cls = new int[rows * w];
        // provisional labels of the band, with the row before it in front (row 0 of this array = y0 − 1)
        int[] cur = new int[(rows + 1) * w];
        // the previous plane's provisional labels, rows y0 − 1 .. y1 (row 0 of this array = y0 − 1)
        int[] prev = new int[(rows + 2) * w];
        for (int z = 0; z < shape.depth(); z++) {
            for (int y0 = 0; y0 < h; y0 += bandRows) {
                int y1 = Math.min(h, y0 + bandRows);
                semantic.readRows(0, z, y0, y1, cls, 0);
                if (y0 == 0) {
                    Arrays.fill(cur, 0, w, 0);
                } else {
                    System.arraycopy(cur, rows * w, cur, 0, w); // the last row of a full band before
                }
                if (z > 0) {
                    int p0 = Math.max(0, y0 - 1);
                    int p1 = Math.min(h, y1 + 1);
                    Arrays.fill(prev, 0);
                    out.readRows(0, z - 1, p0, p1, prev, (p0 - (y0 - 1)) * w);
                }
                for (int y = y0; y < y1; y++) {
                    row(cls, (y - y0) * w, cur, (y - y0 + 1) * w, y > 0, z > 0 ? prev : null, (y - y0 + 1) * w,
                            y + 1 < h, w);
                }
                out.writeRows(0, z, y0, y1, cur, w);
            }
        }
    }

    /**
     * Provisional labels of one row. {@code cur[at − w ..]} holds the row above (valid if {@code above}); {@code
     * prev[pat ..]} the same row of the plane before, with its rows above and below (valid if {@code below}).
     */
    private void row(int[] cls, int ca, int[] cur, int at, boolean above, int[] prev, int pat, boolean below,
            int w) {
        for (int x = 0; x < w; x++) {
            int c = cls[ca + x];
            if (c == 0) {
                cur[at + x] = 0;
                continue;
            }
            int x0 = Math.max(0, x - 1);
            int x1 = Math.min(w - 1, x + 1);
            int label = 0;
            if (x > 0) {
                label = join(label, cur[at + x - 1], c);
            }
            if (above) {
                for (int xx = x0; xx <= x1; xx++) {
                    label = join(label, cur[at - w + xx], c);
                }
            }
            if (prev != null) {
                for (int dy = above ? -1 : 0; dy <= (below ? 1 : 0); dy++) {
                    for (int xx = x0; xx <= x1; xx++) {
                        label = join(label, prev[pat + dy * w + xx], c);
                    }
                }
            }
            if (label == 0) {
                label = newLabel(c);
            }
            cur[at + x] = label;
        }
    }

    /** The pixel's label so far after meeting neighbour label {@code q}: joined if {@code q} is of class c. */
    private int join(int label, int q, int c) {
        if (q == 0 || classOf[q] != c) {
            return label;
        }
        if (label == 0) {
            return q;
        }
        union(parent, label, q);
        return label;
    }

    private int newLabel(int c) {
        count++;
        if (count == parent.length) {
            parent = Arrays.copyOf(parent, count * 2);
            classOf = Arrays.copyOf(classOf, count * 2);
        }
        parent[count] = count;
        classOf[count] = c;
        return count;
    }

    /** The root of {@code a}'s set in the forest {@code parent} (roots are their own parent), halving the path. */
    static int find(int[] parent, int a) {
        int x = a;
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Joins the sets of {@code a} and {@code b} in the forest {@code parent}; the smaller root is kept. */
    static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /**
     * Numbers 1.. in the order of {@code keys} ({@code class << 32 | id}, ids ≥ 0 and distinct): sorts {@code keys}
     * and returns {@code number} of length {@code size} with {@code number[id]} = rank + 1 (0 for absent ids).
     */
    static int[] numbers(long[] keys, int size) {
        Arrays.sort(keys);
        int[] number = new int[size];
        for (int i = 0; i < keys.length; i++) {
            number[(int) keys[i]] = i + 1;
        }
        return number;
    }

    /** Final numbers: components ordered by class value, then by root (raster order of their first pixel). */
    private void renumber(IntGrid out, int bandRows) throws IOException {
        int roots = 0;
        long[] keys = new long[count];
        for (int l = 1; l <= count; l++) {
            if (find(parent, l) == l) {
                keys[roots++] = ((long) classOf[l] << 32) | l;
            }
        }
        int[] number = numbers(Arrays.copyOf(keys, roots), count + 1);
        for (int l = 1; l <= count; l++) {
            number[l] = number[find(parent, l)];
        }
        parent = null;
        classOf = null;
        int h = out.shape().height();
        int w = out.shape().width();
        int[] band = new int[Math.min(bandRows, h) * w];
        for (int z = 0; z < out.shape().depth(); z++) {
            for (int y0 = 0; y0 < h; y0 += bandRows) {
                int y1 = Math.min(h, y0 + bandRows);
                int n = (y1 - y0) * w;
                out.readRows(0, z, y0, y1, band, 0);
                for (int i = 0; i < n; i++) {
                    band[i] = number[band[i]];
                }
                out.writeRows(0, z, y0, y1, band, 0);
            }
        }
    }
}
