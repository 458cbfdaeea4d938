package org.convpaint.resample;

/**
 * Index mappings of the boundary modes used by numpy and scipy. numpy's {@code 'reflect'} and scipy's
 * {@code 'mirror'} are the same mapping: {@code d c b | a b c d | c b a}, repeated periodically for indices far
 * outside; a length-1 axis maps everything to 0.
 */
public final class Reflect {
    private Reflect() {
    }

    /**
     * Maps any integer index into {@code [0, n)} by mirror reflection without repeating the edge sample.
     *
     * @param n axis length, ≥ 1
     */
    public static int index(long i, int n) {
        if (n == 1) {
            return 0;
        }
        long period = 2L * (n - 1);
        long m = Math.floorMod(i, period);
        return (int) (m < n ? m : period - m);
    }

    /** Clamps an index into {@code [0, n)} (scipy's and skimage's {@code 'nearest'} mode). */
    public static int nearest(long i, int n) {
        return (int) Math.max(0, Math.min(n - 1, i));
    }
}
