package org.convpaint.postprocess;

/**
 * A first-in first-out queue of ints in a ring buffer that doubles when full. Not thread-safe.
 */
final class IntQueue {
    private int[] ring;
    private int head;
    private int size;

    /** @param capacity initial capacity (≥ 1) */
    IntQueue(int capacity) {
        ring = new int[Math.max(1, capacity)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(int value) {
        if (size == ring.length) {
            grow();
        }
        int tail = head + size;
        ring[tail >= ring.length ? tail - ring.length : tail] = value;
        size++;
    }

    /** Removes and returns the oldest value; the queue must not be empty. */
    int poll() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        int value = ring[head];
        head = head + 1 == ring.length ? 0 : head + 1;
        size--;
        return value;
    }

    private void grow() {
        if (ring.length >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("queue too large");
        }
        int[] bigger = new int[(int) Math.min(2L * ring.length, Integer.MAX_VALUE - 8)];
        System.arraycopy(ring, head, bigger, 0, ring.length - head);
        System.arraycopy(ring, 0, bigger, ring.length - head, head);
        ring = bigger;
        head = 0;
    }
}
