package org.convpaint.classify;

/**
 * Finds which of the m + 1 intervals cut by ascending float thresholds {@code t_0 < … < t_{m−1}} holds a value:
 * {@link #of(float)} is the index of the first threshold with {@code x <= t}, or m (also for NaN) — what a binary
 * search over the thresholds gives, in a few steps. Floats are ordered by their bits made order-preserving
 * ({@link #key}); the keys between the first and the last threshold are cut into equal buckets, and a bucket
 * records the intervals of its smallest and its largest key. As the interval never decreases with the key (−0 and
 * +0, equal as values, have neighbouring keys and the same interval), a bucket whose two ends lie in the same
 * interval holds only that interval; the others are searched among the few thresholds between their ends.
 * Immutable and thread-safe.
 */
final class IntervalIndex {
    /** Largest number of buckets. */
    static final int MAX_BUCKETS = 1 << 14;

    private final float[] thresholds;
    private final int lowKey;
    /** Keys from {@link #lowKey} on that lie in buckets: up to the last threshold's. */
    private final long span;
    private final int shift;
    /** Per bucket: the interval of its smallest key. */
    private final int[] first;
    /** Per bucket: the interval of its largest key. */
    private final int[] last;

    /** @param thresholds ascending, distinct, not NaN */
    IntervalIndex(float[] thresholds) {
        // a threshold −0 compares as +0 does; as +0 its key is the largest of the values equal to it
        this.thresholds = thresholds.clone();
        for (int i = 0; i < this.thresholds.length; i++) {
            this.thresholds[i] += 0f;
        }
        int m = thresholds.length;
        if (m == 0) {
            lowKey = 0;
            span = 0;
            shift = 0;
            first = new int[0];
            last = new int[0];
            return;
        }
        long low = key(this.thresholds[0]);
        long keys = key(this.thresholds[m - 1]) - low + 1;
        int s = 0;
        while ((keys >> s) > MAX_BUCKETS) {
            s++;
        }
        int buckets = (int) ((keys + (1L << s) - 1) >> s);
        this.lowKey = (int) low;
        this.span = keys;
        this.shift = s;
        this.first = new int[buckets];
        this.last = new int[buckets];
        for (int b = 0; b < buckets; b++) {
            long k0 = low + ((long) b << s);
            long k1 = Math.min(low + keys - 1, k0 + (1L << s) - 1);
            first[b] = search(fromKey((int) k0), 0, m);
            last[b] = search(fromKey((int) k1), first[b], m);
        }
    }

    /** Index of the first threshold with {@code x <= t}, or the number of thresholds (also for NaN). */
    int of(float x) {
        if (x != x) {
            return thresholds.length;
        }
        long d = (long) key(x) - lowKey;
        if (d < 0) {
            return 0; // below the first threshold
        }
        if (d >= span) {
            return thresholds.length; // above the last threshold
        }
        int b = (int) (d >> shift);
        int lo = first[b];
        int hi = last[b];
        return lo == hi ? lo : search(x, lo, hi);
    }

    /** Index of the first threshold in [lo, hi) with {@code x <= t}, or {@code hi}. */
    private int search(float x, int lo, int hi) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (x <= thresholds[mid]) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        return a;
    }

    /** The float's bits as an int ordered as the floats are (−0 just below +0); not for NaN. */
    static int key(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float of a {@link #key}. */
    static float fromKey(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }
}
