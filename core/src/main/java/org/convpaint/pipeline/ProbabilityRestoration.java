package org.convpaint.pipeline;

import org.convpaint.resample.SkimageResize;

/**
 * convpaint's {@code _restore_shape} for probabilities: from the patch grid to pixels with
 * {@code unpatch_order} (patched extractors only), crop the padding ({@code top/left} explicit), and — when
 * {@code image_downsample} is not −1, 0 or 1 — skimage-resize with order 1 to the original size. The centred
 * pre-pad of the downsampling is deliberately not undone (convpaint stretches the ceil(H/k) grid onto H pixels).
 */
public final class ProbabilityRestoration {
    private ProbabilityRestoration() {
    }

    /**
     * @param p             probabilities on the padded grid (or patch grid)
     * @param paddedH       padded height Hp
     * @param paddedW       padded width Wp
     * @param pad           the padding applied
     * @param preH          height before padding (after downsampling)
     * @param preW          width before padding
     * @param origH         height of the input image
     * @param origW         width of the input image
     * @param unpatchOrder  spline order for patch grid → pixels
     * @param downsample    image_downsample
     */
    public static Probabilities restore(Probabilities p, int paddedH, int paddedW, Padding.Amounts pad, int preH,
            int preW, int origH, int origW, int unpatchOrder, int downsample) {
        int planes = p.classes() * p.depth();
        double[] d = p.data();
        int h = p.height();
        int w = p.width();
        if (h != paddedH || w != paddedW) {
            d = SkimageResize.resize(d, planes, h, w, paddedH, paddedW, unpatchOrder, false);
            h = paddedH;
            w = paddedW;
        }
        double[] cropped = new double[planes * preH * preW];
        for (int q = 0; q < planes; q++) {
            for (int y = 0; y < preH; y++) {
                System.arraycopy(d, q * h * w + (y + pad.top()) * w + pad.left(), cropped, (q * preH + y) * preW,
                        preW);
            }
        }
        if (downsample >= -1 && downsample <= 1) {
            return new Probabilities(p.classes(), p.depth(), preH, preW, cropped);
        }
        double[] restored = SkimageResize.resize(cropped, planes, preH, preW, origH, origW, 1, false);
        return new Probabilities(p.classes(), p.depth(), origH, origW, restored);
    }
}
