package org.convpaint.pipeline;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.resample.BlockMean;
import org.convpaint.resample.ReflectPad;

/**
 * convpaint's {@code utils.scale_img} block means, as the feature pyramid applies them to a padded window: a
 * centred reflect pre-pad of H and W to the next multiple of k (the extra pixel goes bottom/right) and a k×k block
 * mean (result size ceil(H/k) × ceil(W/k)). Block means of integer images are float64; float images keep their
 * type (float16 means are summed in float32 and rounded to float16, as numpy's {@code mean}). The image's own
 * {@code image_downsample} is applied window by window by {@link PaddedView}. Stateless.
 */
public final class Downsampling {
    private Downsampling() {
    }

    /** Pads centrally (reflect) to multiples of {@code k} if needed, then takes k×k block means. */
    public static ImageStack blockMean(ImageStack in, int k) {
        if (k == 1) {
            return in;
        }
        int h = in.height();
        int w = in.width();
        int padH = (k - h % k) % k;
        int padW = (k - w % k) % k;
        int top = padH / 2;
        int left = padW / 2;
        int ph = h + padH;
        int pw = w + padW;
        PixelType outType = in.type().isFloating() ? in.type() : PixelType.FLOAT64;
        int oh = ph / k;
        int ow = pw / k;
        double[] out = new double[in.channels() * in.depth() * oh * ow];
        double[] padded = padH + padW > 0 ? new double[ph * pw] : null;
        int p = 0;
        for (int c = 0; c < in.channels(); c++) {
            for (int z = 0; z < in.depth(); z++, p++) {
                int off = in.planeOffset(c, z);
                if (padded != null) {
                    ReflectPad.pad(in.data(), off, h, w, top, padH - top, left, padW - left, padded, 0);
                    BlockMean.reduce(padded, 0, ph, pw, k, in.type(), out, p * oh * ow);
                } else {
                    BlockMean.reduce(in.data(), off, h, w, k, in.type(), out, p * oh * ow);
                }
            }
        }
        return new ImageStack(in.channels(), in.depth(), oh, ow, out, outType);
    }
}
