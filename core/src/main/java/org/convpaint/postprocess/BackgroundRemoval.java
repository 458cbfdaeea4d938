package org.convpaint.postprocess;

/** tmidas' {@code result[result == background_label] = 0}, applied only when the label is &gt; 0. */
public final class BackgroundRemoval {
    private BackgroundRemoval() {
    }

    /** Sets every pixel of class {@code background} to 0, in place; nothing happens for {@code background ≤ 0}. */
    public static void apply(int[] labels, int background) {
        if (background <= 0) {
            return;
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == background) {
                labels[i] = 0;
            }
        }
    }
}
