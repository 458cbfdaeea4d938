package org.convpaint.postprocess;

import java.io.IOException;

import org.convpaint.image.LabelVolume;

/** tmidas' {@code result[result == background_label] = 0}, applied only when the label is &gt; 0. Stateless. */
public final class BackgroundRemoval {
    /** Labels read and rewritten at a time in a scratch file. */
    private static final int CHUNK = 1 << 20;

    private BackgroundRemoval() {
    }

    /** Sets every pixel of class {@code background} to 0, in place; nothing happens for {@code background ≤ 0}. */
    public static void apply(int[] labels, int background) {
        apply(labels, 0, labels.length, background);
    }

    /** As {@link #apply(int[], int)} for labels in memory or in a scratch file (rewritten a chunk at a time). */
    public static void apply(LabelVolume labels, int background) throws IOException {
        if (background <= 0) {
            return;
        }
        if (labels.inMemory()) {
            apply(labels.array(), background);
            return;
        }
        int plane = labels.height() * labels.width();
        int[] chunk = new int[Math.min(CHUNK, plane)];
        for (int z = 0; z < labels.depth(); z++) {
            for (int at = 0; at < plane; at += chunk.length) {
                int n = Math.min(chunk.length, plane - at);
                int y = at / labels.width();
                int x = at % labels.width();
                labels.read(z, y, x, chunk, 0, n);
                apply(chunk, 0, n, background);
                labels.write(z, y, x, chunk, 0, n);
            }
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
