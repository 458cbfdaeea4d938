package org.convpaint.io.zarr;

import org.convpaint.InvalidInputException;

/**
 * The regular chunk grid of an array and the walk over a region: which chunks it touches, and for each chunk the
 * rows (runs along the last dimension) the region shares with it, as element positions inside the decoded chunk
 * (with the chunk's storage strides, so F order and transposes need no extra pass) and inside the region (C order).
 * Nothing is allocated per element. Immutable.
 */
final class ChunkGrid {
    /** What to do with one row shared by a chunk and the region. */
    interface RowAction {
        /**
         * @param chunkElem  index of the row's first element in the decoded chunk
         * @param chunkStep  element step along the row in the decoded chunk
         * @param regionElem index of the row's first element in the region (C order)
         * @param count      elements in the row
         */
        void row(int chunkElem, int chunkStep, int regionElem, int count) throws InvalidInputException;
    }

    private final long[] shape;
    private final int[] chunks;
    private final int[] strides;

    /** A grid over {@code shape} with chunks {@code chunks} whose elements are at {@code strides} in a chunk. */
    ChunkGrid(long[] shape, int[] chunks, int[] strides) {
        this.shape = shape.clone();
        this.chunks = chunks.clone();
        this.strides = strides.clone();
    }

    int rank() {
        return shape.length;
    }

    /**
     * Checks a region against the array and returns its element count.
     *
     * @throws IllegalArgumentException if ranks differ, a size is negative, or the region leaves the array
     */
    long checkRegion(long[] offset, int[] size) {
        if (offset.length != shape.length || size.length != shape.length) {
            throw new IllegalArgumentException("region of rank " + offset.length + "/" + size.length
                    + " for an array of rank " + shape.length);
        }
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            if (offset[d] < 0 || size[d] < 0 || offset[d] > shape[d] - size[d]) {
                throw new IllegalArgumentException("region [" + offset[d] + ", " + offset[d] + " + " + size[d]
                        + ") outside dimension " + d + " of size " + shape[d]);
            }
            n = Math.multiplyExact(n, size[d]);
        }
        return n;
    }

    /** First chunk index of the region in each dimension (the region must not be empty). */
    long[] firstChunk(long[] offset) {
        long[] c = new long[shape.length];
        for (int d = 0; d < c.length; d++) {
            c[d] = offset[d] / chunks[d];
        }
        return c;
    }

    /** Last chunk index of the region in each dimension (the region must not be empty). */
    long[] lastChunk(long[] offset, int[] size) {
        long[] c = new long[shape.length];
        for (int d = 0; d < c.length; d++) {
            c[d] = (offset[d] + size[d] - 1) / chunks[d];
        }
        return c;
    }

    /** Advances {@code index} within {@code [first, last]} in C order; false after the last. */
    static boolean next(long[] index, long[] first, long[] last) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (index[d] < last[d]) {
                index[d]++;
                return true;
            }
            index[d] = first[d];
        }
        return false;
    }

    /** Calls {@code action} for every row that chunk {@code chunk} shares with the (non-empty) region. */
    void forEachRow(long[] chunk, long[] offset, int[] size, RowAction action) throws InvalidInputException {
        int n = shape.length;
        int[] from = new int[n]; // first element of the intersection, relative to the chunk
        int[] count = new int[n];
        int[] regionStrides = new int[n];
        int[] regionFrom = new int[n]; // first element of the intersection, relative to the region
        int rs = 1;
        for (int d = n - 1; d >= 0; d--) {
            regionStrides[d] = rs;
            rs *= size[d];
            long start = chunk[d] * chunks[d];
            long end = offset[d] + size[d];
            long lo = Math.max(offset[d], start);
            long hi = start + Math.min(chunks[d], end - start);
            from[d] = (int) (lo - start);
            count[d] = (int) (hi - lo);
            regionFrom[d] = (int) (lo - offset[d]);
        }
        int[] at = new int[n];
        while (true) {
            int c = 0;
            int r = 0;
            for (int d = 0; d < n; d++) {
                c += (from[d] + at[d]) * strides[d];
                r += (regionFrom[d] + at[d]) * regionStrides[d];
            }
            action.row(c, strides[n - 1], r, count[n - 1]);
            int d = n - 2;
            while (d >= 0 && ++at[d] == count[d]) {
                at[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
