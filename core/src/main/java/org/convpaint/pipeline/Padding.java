package org.convpaint.pipeline;

import java.util.List;

import org.convpaint.features.Alignment;

/**
 * convpaint's {@code _get_overall_paddings}. With {@code minPad = fePadding · max(scalings)} and
 * {@code multiple = lcm(scalings) · fePatch}: top = left = alignUp(minPad, multiple); the padded size is
 * alignUp(top + size + minPad, multiple); bottom/right take the rest (asymmetric). The pad content (numpy's
 * {@code 'reflect'}, repeated periodically when the pad exceeds the image) is made window by window by
 * {@link PaddedView}, the one implementation of downsampling and padding for the pipeline.
 */
public final class Padding {
    private Padding() {
    }

    /**
     * Pad amounts for one image.
     *
     * @param top    rows added above
     * @param bottom rows added below
     * @param left   columns added left
     * @param right  columns added right
     */
    public record Amounts(int top, int bottom, int left, int right) {
    }

    /** The amounts for an image of {@code h × w} (after downsampling). */
    public static Amounts amounts(int fePadding, int fePatch, List<Integer> scalings, int h, int w) {
        int maxScale = scalings.stream().mapToInt(Integer::intValue).max().orElse(1);
        int minPad = fePadding * maxScale;
        int multiple = Alignment.lcm(scalings) * fePatch;
        int top = alignUp(minPad, multiple);
        int paddedH = alignUp(top + h + minPad, multiple);
        int paddedW = alignUp(top + w + minPad, multiple);
        return new Amounts(top, paddedH - h - top, top, paddedW - w - top);
    }

    /** Smallest multiple of {@code a} that is ≥ {@code v}. */
    static int alignUp(int v, int a) {
        return (v + a - 1) / a * a;
    }

}
