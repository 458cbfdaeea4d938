package org.convpaint.io.zarr;

import java.nio.file.Path;

/**
 * Names of chunk files: v2 keys ({@code 0.1}, or {@code 0/1} with separator {@code /}) and v3 default keys
 * ({@code c/0/1}, or {@code c.0.1}). Immutable.
 *
 * @param prefix    {@code "c"} for v3's default encoding, {@code null} for v2 keys
 * @param separator {@code "/"} or {@code "."}
 */
record ChunkKeys(String prefix, String separator) {

    /** The key of the chunk with grid index {@code index}. */
    String key(long[] index) {
        StringBuilder s = new StringBuilder(8 * index.length + 2);
        if (prefix != null) {
            s.append(prefix);
        }
        for (int d = 0; d < index.length; d++) {
            if (d > 0 || prefix != null) {
                s.append(separator);
            }
            s.append(index[d]);
        }
        return s.length() == 0 ? "0" : s.toString();
    }

    /** The chunk's file in array folder {@code dir}. */
    Path file(Path dir, long[] index) {
        return dir.resolve(key(index));
    }
}
