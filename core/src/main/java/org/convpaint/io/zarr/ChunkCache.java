package org.convpaint.io.zarr;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded chunks by key, least recently used evicted first, holding at most {@code capacity} bytes (a chunk larger
 * than that is not kept). A missing chunk is kept as an empty array, counted as {@link #ENTRY_BYTES}.
 * Thread-safe (every method synchronized).
 */
final class ChunkCache {
    /** Bytes counted for an entry besides its data. */
    static final int ENTRY_BYTES = 64;
    private final long capacity;
    private final LinkedHashMap<String, byte[]> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ChunkCache(long capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** The chunk with this key, or null if not cached. */
    synchronized byte[] get(String key) {
        return map.get(key);
    }

    /** Keeps {@code chunk} under {@code key}, evicting the least recently used chunks to stay within capacity. */
    synchronized void put(String key, byte[] chunk) {
        long size = cost(chunk);
        if (size > capacity) {
            return;
        }
        byte[] old = map.put(key, chunk);
        if (old != null) {
            bytes -= cost(old);
        }
        bytes += size;
        Iterator<Map.Entry<String, byte[]>> it = map.entrySet().iterator();
        while (bytes > capacity && it.hasNext()) {
            Map.Entry<String, byte[]> eldest = it.next();
            bytes -= cost(eldest.getValue());
            it.remove();
        }
    }

    /** Bytes held now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Number of chunks held now. */
    synchronized int size() {
        return map.size();
    }

    private static long cost(byte[] chunk) {
        return chunk.length + (long) ENTRY_BYTES;
    }
}
