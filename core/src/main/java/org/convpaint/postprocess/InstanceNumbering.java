package org.convpaint.postprocess;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;

/**
 * The final instance numbers of a semantic label image [1, Z, H, W] labelled a band of rows at a time: for each
 * band, the map from its local component ids ({@link BandComponents}) to the labels {@link InstanceLabeling} gives
 * the whole image. Applying every band's map with {@link #relabel} writes exactly
 * {@code InstanceLabeling.label}'s output, a band at a time, on any machine and in any order.
 * <p>
 * A whole-image run: {@code BandComponents.of} for every band (anywhere), {@link #resolve} on all of them (one
 * place), then {@link #relabel} for every band (anywhere, each with its map).
 * <p>
 * <b>Memory</b> of {@link #resolve}: besides the bands themselves, up to 40 bytes per local component of all bands
 * (union–find, first pixels, sorting); the result holds 4 bytes per local component. {@link #relabel} needs what
 * {@link BandComponents#of(IntGrid, int, int, IntGrid)} needs, less the result: the band's local labels are kept
 * in the output grid, so memory does not grow with the band's size.
 * <p>
 * An immutable value, thread-safe; {@link Serializable} as plain data (primitive arrays). Labels are uint32 held in
 * ints (bit pattern).
 */
public final class InstanceNumbering implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int depth;
    private final int height;
    private final int width;
    /** Band b covers rows [rowStarts[b], rowStarts[b + 1]); rowStarts[0] = 0, the last value is H. */
    private final int[] rowStarts;
    /** Band b's local components are at [offsets[b], offsets[b + 1]) of {@link #labels}. */
    private final int[] offsets;
    /** Final label of band b's local component l at [offsets[b] + l − 1]. */
    private final int[] labels;
    /** Number of final labels N (1..N). */
    private final int components;

    private InstanceNumbering(GridShape shape, int[] rowStarts, int[] offsets, int[] labels, int components) {
        this.depth = shape.depth();
        this.height = shape.height();
        this.width = shape.width();
        this.rowStarts = rowStarts;
        this.offsets = offsets;
        this.labels = labels;
        this.components = components;
        validate();
    }

    /**
     * Joins the bands' components across each face between consecutive bands — pixel (z, y1 − 1, x) of a band
     * touches (z', y1, x') of the next when |z − z'| ≤ 1, |x − x'| ≤ 1 and both have the same class — and numbers
     * the joined components as {@link InstanceLabeling} does: classes ascending (as signed ints, like
     * {@code InstanceLabeling}), then by the first pixel of the joined component in raster order (z, y, x).
     *
     * @param bandList the components of every band of one image, in row order; they must tile [0, H) exactly
     * @throws IllegalArgumentException if the list is empty, the bands are of different images, or out of order,
     *                                  overlap, leave a gap, or do not start at row 0 or end at row H
     */
    public static InstanceNumbering resolve(List<BandComponents> bandList) {
        List<BandComponents> bands = List.copyOf(bandList);
        int n = bands.size();
        if (n == 0) {
            throw new IllegalArgumentException("no bands to resolve");
        }
        GridShape shape = checkTiling(bands);
        int[] rowStarts = new int[n + 1];
        int[] offsets = new int[n + 1];
        long total = 0;
        for (int b = 0; b < n; b++) {
            rowStarts[b + 1] = bands.get(b).y1();
            total += bands.get(b).count();
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("more than 2^31 − 16 local components in the bands");
            }
            offsets[b + 1] = (int) total;
        }
        // union–find over global ids offsets[b] + l (1-based); each root keeps the smallest id
        int[] parent = new int[offsets[n] + 1];
        Arrays.setAll(parent, i -> i);
        for (int b = 0; b + 1 < n; b++) {
            joinFace(bands.get(b), offsets[b], bands.get(b + 1), offsets[b + 1], parent);
        }
        int[] labels = number(bands, offsets, parent);
        return new InstanceNumbering(shape, rowStarts, offsets, labels, Arrays.stream(labels).max().orElse(0));
    }

    /**
     * The bands' image shape, once checked that they are of one image, in row order and tile its rows exactly.
     *
     * @throws IllegalArgumentException if not
     */
    private static GridShape checkTiling(List<BandComponents> bands) {
        GridShape shape = bands.get(0).imageShape();
        for (int b = 0; b < bands.size(); b++) {
            BandComponents band = bands.get(b);
            if (!band.imageShape().equals(shape)) {
                throw new IllegalArgumentException("band " + b + " is of an image of " + band.imageShape()
                        + ", band 0 of " + shape);
            }
            if (b > 0 && band.y0() <= bands.get(b - 1).y0()) {
                throw refused(band, b, "the band before starts at row " + bands.get(b - 1).y0() + ": out of order");
            }
        }
        int end = 0;
        for (int b = 0; b < bands.size(); b++) {
            BandComponents band = bands.get(b);
            if (band.y0() != end) {
                throw refused(band, b, b == 0 ? "the first band must start at row 0"
                        : "the band before ends at row " + end + (band.y0() < end ? ": they overlap"
                                : ": rows " + end + ".." + band.y0() + " are missing between them"));
            }
            end = band.y1();
        }
        if (end != shape.height()) {
            throw new IllegalArgumentException("the bands end at row " + end + ", not at the image's last row "
                    + shape.height() + ": rows " + end + ".." + shape.height() + " are missing");
        }
        return shape;
    }

    private static IllegalArgumentException refused(BandComponents band, int b, String why) {
        return new IllegalArgumentException(
                "bands must be given in row order and tile the image's rows exactly, without gaps or overlaps; band "
                        + b + " covers rows [" + band.y0() + ", " + band.y1() + ") but " + why);
    }

    /** Unites the components of {@code upper}'s last row with those of {@code lower}'s first row that touch them. */
    private static void joinFace(BandComponents upper, int upperBase, BandComponents lower, int lowerBase,
            int[] parent) {
        GridShape shape = upper.imageShape();
        int d = shape.depth();
        int w = shape.width();
        for (int z = 0; z < d; z++) {
            for (int x = 0; x < w; x++) {
                int a = upper.lastRowAt(z, x);
                if (a == 0) {
                    continue;
                }
                int c = upper.classOf(a);
                for (int zz = Math.max(0, z - 1); zz <= Math.min(d - 1, z + 1); zz++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        int l = lower.firstRowAt(zz, xx);
                        if (l != 0 && lower.classOf(l) == c) {
                            TwoPassLabeling.union(parent, upperBase + a, lowerBase + l);
                        }
                    }
                }
            }
        }
    }

    /**
     * The final label of every global id: roots ordered by class, then by their component's smallest first pixel.
     */
    private static int[] number(List<BandComponents> bands, int[] offsets, int[] parent) {
        int total = parent.length - 1;
        long[] first = new long[total + 1];
        Arrays.fill(first, Long.MAX_VALUE);
        for (int b = 0; b < bands.size(); b++) {
            BandComponents band = bands.get(b);
            for (int l = 1; l <= band.count(); l++) {
                int r = TwoPassLabeling.find(parent, offsets[b] + l);
                first[r] = Math.min(first[r], band.firstPixelOf(l));
            }
        }
        long[] sorted = new long[total];
        int roots = 0;
        for (int g = 1; g <= total; g++) {
            if (parent[g] == g) {
                sorted[roots++] = first[g];
            }
        }
        sorted = Arrays.copyOf(sorted, roots);
        Arrays.sort(sorted);
        // key = class << 32 | rank of the root's first pixel among all roots' (distinct pixels, so ranks are too)
        long[] keys = new long[roots];
        int[] rankOf = new int[total + 1];
        int root = 0;
        for (int b = 0; b < bands.size(); b++) {
            BandComponents band = bands.get(b);
            for (int l = 1; l <= band.count(); l++) {
                int g = offsets[b] + l;
                if (parent[g] == g) {
                    rankOf[g] = Arrays.binarySearch(sorted, first[g]);
                    keys[root++] = ((long) band.classOf(l) << 32) | rankOf[g];
                }
            }
        }
        int[] numberOfRank = TwoPassLabeling.numbers(keys, roots);
        int[] labels = new int[total];
        for (int g = 1; g <= total; g++) {
            labels[g - 1] = numberOfRank[rankOf[TwoPassLabeling.find(parent, g)]];
        }
        return labels;
    }

    /**
     * Writes the final labels of band {@code band} into rows [y0, y1) of {@code out}: recomputes the band's local
     * labels from the semantic rows and maps them with {@link #mapFor}.
     *
     * @see #relabel(IntGrid, int, int, int[], IntGrid)
     */
    public void relabel(IntGrid semantic, int band, IntGrid out) throws IOException {
        if (!semantic.shape().equals(imageShape())) {
            throw new IllegalArgumentException("a numbering of " + imageShape() + " applied to " + semantic.shape());
        }
        relabel(semantic, rowStart(band), rowEnd(band), mapFor(band), out);
    }

    /**
     * Writes the final labels of rows [y0, y1) into the same rows of {@code out}: the band's local labels
     * (recomputed as {@link BandComponents#of(IntGrid, int, int)} does, from rows [y0, y1) of {@code semantic}
     * only) mapped by {@code map}. Rows outside [y0, y1) of {@code out} are not touched, so bands may be relabelled
     * concurrently into one grid that allows disjoint writes from several threads.
     *
     * @param semantic class labels [1, Z, H, W], the rows the band's components were computed from
     * @param map      local id → final label ({@link #mapFor}): length n + 1 for the band's n local components,
     *                 {@code map[0] = 0}
     * @param out      another grid of the same shape; rows [y0, y1) receive the final labels
     * @throws IllegalStateException if the band does not have n local components (its semantic rows are not those
     *                               the map was made for); rows [y0, y1) of {@code out} are then undefined
     */
    public static void relabel(IntGrid semantic, int y0, int y1, int[] map, IntGrid out) throws IOException {
        BandComponents.checkOther(semantic, out);
        if (map.length == 0 || map[0] != 0) {
            throw new IllegalArgumentException("a band's map sends 0 (background) to 0");
        }
        BandView labels = BandView.of(out, y0, y1);
        BandComponents.labelBand(BandView.of(semantic, y0, y1), labels);
        GridShape shape = labels.shape();
        int w = shape.width();
        int chunk = Math.min(InstanceLabeling.BAND_ROWS, shape.height());
        int[] rows = new int[chunk * w];
        int max = 0;
        for (int z = 0; z < shape.depth(); z++) {
            for (int r0 = 0; r0 < shape.height(); r0 += chunk) {
                int r1 = Math.min(shape.height(), r0 + chunk);
                labels.readRows(0, z, r0, r1, rows, 0);
                for (int i = 0; i < (r1 - r0) * w; i++) {
                    int l = rows[i];
                    if (l >= map.length) {
                        throw mismatch(y0, y1, "more", map);
                    }
                    max = Math.max(max, l);
                    rows[i] = map[l];
                }
                labels.writeRows(0, z, r0, r1, rows, 0);
            }
        }
        if (max != map.length - 1) {
            throw mismatch(y0, y1, Integer.toString(max), map);
        }
    }

    private static IllegalStateException mismatch(int y0, int y1, String found, int[] map) {
        return new IllegalStateException("rows [" + y0 + ", " + y1 + ") hold " + found + " local components, not the "
                + (map.length - 1) + " of the map: the semantic rows are not those the band's components were"
                + " computed from");
    }

    /** The image's shape [1, Z, H, W]. */
    public GridShape imageShape() {
        return GridShape.of(depth, height, width);
    }

    /** Number of bands. */
    public int bands() {
        return rowStarts.length - 1;
    }

    /** First row of band {@code band} (0-based, in row order). */
    public int rowStart(int band) {
        return rowStarts[checkBand(band)];
    }

    /** Row after the last of band {@code band}. */
    public int rowEnd(int band) {
        return rowStarts[checkBand(band) + 1];
    }

    /** Number of instance labels N: labels are 1..N. */
    public int components() {
        return components;
    }

    /**
     * Band {@code band}'s map local id → final label: a new array of length n + 1 for its n local components,
     * {@code [0] = 0} (background).
     */
    public int[] mapFor(int band) {
        checkBand(band);
        int[] map = new int[offsets[band + 1] - offsets[band] + 1];
        System.arraycopy(labels, offsets[band], map, 1, map.length - 1);
        return map;
    }

    private int checkBand(int band) {
        if (band < 0 || band >= bands()) {
            throw new IndexOutOfBoundsException("band " + band + " of " + bands());
        }
        return band;
    }

    /** The invariants, also checked on deserialization. */
    private void validate() {
        GridShape shape = GridShape.of(depth, height, width);
        if (rowStarts == null || offsets == null || labels == null || rowStarts.length < 2
                || offsets.length != rowStarts.length || rowStarts[0] != 0 || rowStarts[rowStarts.length - 1] != height
                || offsets[0] != 0 || offsets[offsets.length - 1] != labels.length) {
            throw new IllegalArgumentException("an instance numbering of inconsistent sizes for " + shape);
        }
        for (int b = 0; b + 1 < rowStarts.length; b++) {
            if (rowStarts[b + 1] <= rowStarts[b] || offsets[b + 1] < offsets[b]) {
                throw new IllegalArgumentException("band " + b + " of an instance numbering is empty or reversed");
            }
        }
        for (int l : labels) {
            if (l < 1 || l > components) {
                throw new IllegalArgumentException("label " + l + " outside 1.." + components);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        BandComponents.readValidated(in, this::validate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceNumbering n && depth == n.depth && height == n.height && width == n.width
                && components == n.components && Arrays.equals(rowStarts, n.rowStarts)
                && Arrays.equals(offsets, n.offsets) && Arrays.equals(labels, n.labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {depth, height, width, components, Arrays.hashCode(rowStarts),
            Arrays.hashCode(offsets), Arrays.hashCode(labels)});
    }

    @Override
    public String toString() {
        return "InstanceNumbering[" + imageShape() + ", " + bands() + " bands, " + components + " labels]";
    }
}
