package org.convpaint.postprocess;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;

/**
 * What one band of rows [y0, y1) (all Z planes) of a semantic label image [1, Z, H, W] contributes to its instance
 * labelling ({@link InstanceLabeling}) when the image is labelled a band at a time, e.g. one band per machine:
 * the band's own connected components (“local” components, ids 1..{@link #count()}), per local component its class
 * and the global flat raster index {@code (z · H + y) · W + x} of its first pixel, and the local ids of the band's
 * first and last row in every plane, through which {@link InstanceNumbering#resolve} joins it to the bands above
 * and below.
 * <p>
 * The local labelling is that of {@link InstanceLabeling} applied to the band alone (classes ascending, then raster
 * order of the first pixel within the band), so it is a pure function of the band's semantic rows:
 * {@link InstanceNumbering#relabel} recomputes it identically later.
 * <p>
 * <b>Memory</b> of {@link #of(IntGrid, int, int)}: 4·Z·(y1 − y0)·W bytes for the band's local labels, plus what
 * {@link #of(IntGrid, int, int, IntGrid)} needs. The latter keeps the local labels in a grid of the caller's: about
 * 24·min(y1 − y0, 256)·W bytes of row buffers, up to 28 bytes per provisional label (at most one per run of a
 * class along a row of the band, typically far fewer), and the result: 12 bytes per local component and 8·Z·W bytes
 * for the two face rows.
 * <p>
 * An immutable value, thread-safe; {@link Serializable} as plain data (primitive arrays), to be shipped between
 * machines. Accessors return copies.
 */
public final class BandComponents implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int depth;
    private final int height;
    private final int width;
    private final int y0;
    private final int y1;
    /** Class of local component l at [l − 1]. */
    private final int[] classes;
    /** Global flat raster index of local component l's first pixel at [l − 1]. */
    private final long[] firstPixels;
    /** Local ids of row y0 of plane z at [z · W + x]; 0 = background. */
    private final int[] firstRow;
    /** Local ids of row y1 − 1 of plane z at [z · W + x]; 0 = background. */
    private final int[] lastRow;

    private BandComponents(GridShape shape, int y0, int y1, int[] classes, long[] firstPixels, int[] firstRow,
            int[] lastRow) {
        this.depth = shape.depth();
        this.height = shape.height();
        this.width = shape.width();
        this.y0 = y0;
        this.y1 = y1;
        this.classes = classes;
        this.firstPixels = firstPixels;
        this.firstRow = firstRow;
        this.lastRow = lastRow;
        validate();
    }

    /**
     * The components of rows [y0, y1) of {@code semantic}, reading only those rows; the local labels are kept in
     * the heap (see the class comment for the memory).
     *
     * @param semantic class labels [1, Z, H, W]; 0 = background. Only rows [y0, y1) of each plane are read
     * @throws IllegalArgumentException if [y0, y1) is empty or outside [0, H), or the grid has several channels
     * @throws IllegalStateException    if the band's Z·(y1 − y0)·W labels do not fit a Java array (then use
     *                                  {@link #of(IntGrid, int, int, IntGrid)})
     */
    public static BandComponents of(IntGrid semantic, int y0, int y1) throws IOException {
        BandView band = BandView.of(semantic, y0, y1);
        try (IntArrayGrid work = IntArrayGrid.zeros(band.shape())) {
            return of(semantic, band, work, y0, y1);
        }
    }

    /**
     * {@link #of(IntGrid, int, int)} with the band's local labels kept in rows [y0, y1) of {@code work} (in the
     * heap or a scratch file; e.g. the output grid that {@link InstanceNumbering#relabel} later overwrites), so
     * that memory does not grow with the band's size. Rows outside [y0, y1) of {@code work} are not touched.
     *
     * @param work a grid of the semantic grid's shape other than it; rows [y0, y1) are overwritten
     * @throws IllegalArgumentException if the shapes differ, {@code work} is {@code semantic}, or as
     *                                  {@link #of(IntGrid, int, int)}
     */
    public static BandComponents of(IntGrid semantic, int y0, int y1, IntGrid work) throws IOException {
        checkOther(semantic, work);
        return of(semantic, BandView.of(semantic, y0, y1), BandView.of(work, y0, y1), y0, y1);
    }

    /** @throws IllegalArgumentException unless {@code other} has the shape of {@code semantic} and is not it */
    static void checkOther(IntGrid semantic, IntGrid other) {
        if (other == semantic || !other.shape().equals(semantic.shape())) {
            throw new IllegalArgumentException("labels of " + semantic.shape()
                    + " go into another grid of that shape, not "
                    + (other == semantic ? "the semantic grid itself" : other.shape().toString()));
        }
    }

    /** Labels the band into {@code labels} ([1, Z, y1 − y0, W]), then collects the components from it. */
    private static BandComponents of(IntGrid semantic, BandView band, IntGrid labels, int y0, int y1)
            throws IOException {
        labelBand(band, labels);
        GridShape shape = semantic.shape();
        int w = shape.width();
        int rows = y1 - y0;
        int chunk = Math.min(InstanceLabeling.BAND_ROWS, rows);
        int[] cls = new int[chunk * w];
        int[] ids = new int[chunk * w];
        int[] firstRow = new int[shape.depth() * w];
        int[] lastRow = new int[shape.depth() * w];
        int[] classes = new int[16];
        long[] firsts = new long[16];
        int count = 0;
        for (int z = 0; z < shape.depth(); z++) {
            for (int r0 = 0; r0 < rows; r0 += chunk) {
                int r1 = Math.min(rows, r0 + chunk);
                band.readRows(0, z, r0, r1, cls, 0);
                labels.readRows(0, z, r0, r1, ids, 0);
                for (int i = 0; i < (r1 - r0) * w; i++) {
                    int l = ids[i];
                    if (l > count) { // local ids are dense, so the first unseen id is count + 1 or more
                        count = l;
                        if (count > classes.length) {
                            classes = Arrays.copyOf(classes, Math.max(count, 2 * classes.length));
                            firsts = Arrays.copyOf(firsts, classes.length);
                        }
                    }
                    if (l != 0 && classes[l - 1] == 0) {
                        classes[l - 1] = cls[i];
                        firsts[l - 1] = ((long) z * shape.height() + y0 + r0 + i / w) * w + i % w;
                    }
                }
                if (r0 == 0) {
                    System.arraycopy(ids, 0, firstRow, z * w, w);
                }
                if (r1 == rows) {
                    System.arraycopy(ids, (r1 - r0 - 1) * w, lastRow, z * w, w);
                }
            }
        }
        return new BandComponents(shape, y0, y1, Arrays.copyOf(classes, count), Arrays.copyOf(firsts, count),
                firstRow, lastRow);
    }

    /** The band's local labelling: {@link InstanceLabeling}'s, of the band alone. */
    static void labelBand(BandView semantic, IntGrid labels) throws IOException {
        TwoPassLabeling.label(semantic, labels, InstanceLabeling.BAND_ROWS);
    }

    /** The whole image's shape [1, Z, H, W]. */
    public GridShape imageShape() {
        return GridShape.of(depth, height, width);
    }

    /** First row of the band. */
    public int y0() {
        return y0;
    }

    /** Row after the band's last. */
    public int y1() {
        return y1;
    }

    /** Number of local components n; their ids are 1..n. */
    public int count() {
        return classes.length;
    }

    /** Class of each local component: local id l at [l − 1] (n values, none 0). */
    public int[] classes() {
        return classes.clone();
    }

    /** Global flat raster index {@code (z · H + y) · W + x} of each local component's first pixel, at [l − 1]. */
    public long[] firstPixels() {
        return firstPixels.clone();
    }

    /** Local ids (0 = background) of row y0 of every plane: [z · W + x], Z·W values. */
    public int[] firstRow() {
        return firstRow.clone();
    }

    /** Local ids (0 = background) of row y1 − 1 of every plane: [z · W + x], Z·W values. */
    public int[] lastRow() {
        return lastRow.clone();
    }

    /** Class of local component {@code local} (1..n), without copying. */
    int classOf(int local) {
        return classes[local - 1];
    }

    /** First pixel of local component {@code local} (1..n), without copying. */
    long firstPixelOf(int local) {
        return firstPixels[local - 1];
    }

    /** Local id at (z, y0, x), without copying. */
    int firstRowAt(int z, int x) {
        return firstRow[z * width + x];
    }

    /** Local id at (z, y1 − 1, x), without copying. */
    int lastRowAt(int z, int x) {
        return lastRow[z * width + x];
    }

    /** The invariants, also checked on deserialization: sizes agree, ids are in 1..n, first pixels in the band. */
    private void validate() {
        GridShape shape = GridShape.of(depth, height, width);
        BandView.checkRows(shape, y0, y1);
        long faces = (long) depth * width;
        if (classes == null || firstPixels == null || firstRow == null || lastRow == null
                || firstPixels.length != classes.length || firstRow.length != faces || lastRow.length != faces) {
            throw new IllegalArgumentException("band components of inconsistent sizes for " + shape);
        }
        for (int i = 0; i < classes.length; i++) {
            long p = firstPixels[i];
            long y = p / width % height;
            if (classes[i] == 0 || p < 0 || p >= shape.size() || y < y0 || y >= y1) {
                throw new IllegalArgumentException("local component " + (i + 1) + " of class " + classes[i]
                        + " starts at pixel " + p + ", outside rows [" + y0 + ", " + y1 + ") of " + shape);
            }
        }
        for (int[] face : new int[][] {firstRow, lastRow}) {
            for (int l : face) {
                if (l < 0 || l > classes.length) {
                    throw new IllegalArgumentException("local id " + l + " of " + classes.length + " components");
                }
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        readValidated(in, this::validate);
    }

    /**
     * A {@code readObject} body: the default fields, then {@code validate}, whose {@link IllegalArgumentException}
     * becomes an {@link InvalidObjectException}.
     */
    static void readValidated(ObjectInputStream in, Runnable validate) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            validate.run();
        } catch (IllegalArgumentException e) {
            throw (InvalidObjectException) new InvalidObjectException(e.getMessage()).initCause(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandComponents b && depth == b.depth && height == b.height && width == b.width
                && y0 == b.y0 && y1 == b.y1 && Arrays.equals(classes, b.classes)
                && Arrays.equals(firstPixels, b.firstPixels) && Arrays.equals(firstRow, b.firstRow)
                && Arrays.equals(lastRow, b.lastRow);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {depth, height, width, y0, y1, Arrays.hashCode(classes),
            Arrays.hashCode(firstPixels), Arrays.hashCode(firstRow), Arrays.hashCode(lastRow)});
    }

    @Override
    public String toString() {
        return "BandComponents[rows " + y0 + ".." + y1 + " of " + imageShape() + ", " + count() + " components]";
    }
}
