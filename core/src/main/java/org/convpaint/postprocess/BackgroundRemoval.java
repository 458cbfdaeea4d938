package org.convpaint.postprocess;

import java.io.IOException;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;

/** tmidas' {@code result[result == background_label] = 0}, applied only when the label is &gt; 0. Stateless. */
public final class BackgroundRemoval {
    /** Labels read and rewritten at a time. */
    private static final int CHUNK = 1 << 20;

    private BackgroundRemoval() {
    }

    /** Sets every pixel of class {@code background} to 0, in place; nothing happens for {@code background ≤ 0}. */
    public static void apply(int[] labels, int background) {
        apply(labels, 0, labels.length, background);
    }

    /** As {@link #apply(int[], int)} for labels in the heap or in a scratch file, rewritten a chunk at a time. */
    public static void apply(IntGrid labels, int background) throws IOException {
        if (background <= 0) {
            return;
        }
        GridShape shape = labels.shape();
        int[] chunk = new int[(int) Math.min(CHUNK, shape.size())];
        for (long at = 0; at < shape.size(); at += chunk.length) {
            int n = (int) Math.min(chunk.length, shape.size() - at);
            labels.read(at, chunk, 0, n);
            apply(chunk, 0, n, background);
            labels.write(at, chunk, 0, n);
        }
    }

    private static void apply(int[] labels, int from, int to, int background) {
        if (background <= 0) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (labels[i] == background) {
                labels[i] = 0;
            }
        }
    }
}
