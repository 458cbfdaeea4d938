package org.convpaint.pipeline;

import org.convpaint.image.ImageStack;

/** The whole padded image a {@link PaddedView} stands for, as one stack (for stage-by-stage comparisons). */
public final class WholeImage {
    private WholeImage() {
    }

    /** Every plane of {@code view}, padded: [C, Z, paddedHeight, paddedWidth]. */
    public static ImageStack of(PaddedView view) {
        int h = view.paddedHeight();
        int w = view.paddedWidth();
        double[] out = new double[view.channels() * view.depth() * h * w];
        for (int z = 0; z < view.depth(); z++) {
            ImageStack plane = view.window(z, 0, h, 0, w);
            for (int c = 0; c < view.channels(); c++) {
                System.arraycopy(plane.data(), c * h * w, out, (c * view.depth() + z) * h * w, h * w);
            }
        }
        return new ImageStack(view.channels(), view.depth(), h, w, out, view.type());
    }
}
