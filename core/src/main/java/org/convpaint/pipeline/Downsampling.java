package org.convpaint.pipeline;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.resample.BlockMean;
import org.convpaint.resample.ReflectPad;

/**
 * convpaint's {@code utils.scale_img} for images: for {@code k > 1} a centred reflect pre-pad of H and W to the
 * next multiple of k (the extra pixel goes bottom/right) and a k×k block mean (result size ceil(H/k) × ceil(W/k));
 * for {@code k < −1} each pixel repeated |k| times along H and W; nothing for −1, 0, 1. Block means of integer
 * images are float64; float images keep their type (float16 means are summed in float32 and rounded to float16,
 * as numpy's {@code mean}). Stateless.
 */
public final class Downsampling {
    private Downsampling() {
    }

    /** Applies {@code image_downsample = k}. */
    public static ImageStack apply(ImageStack in, int k) {
        if (k >= -1 && k <= 1) {
            return in;
        }
        return k < 0 ? repeat(in, -k) : blockMean(in, k);
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

    private static ImageStack repeat(ImageStack in, int k) {
        int h = in.height();
        int w = in.width();
        double[] out = new double[in.channels() * in.depth() * h * k * w * k];
        int p = 0;
        for (int c = 0; c < in.channels(); c++) {
            for (int z = 0; z < in.depth(); z++, p++) {
                int src = in.planeOffset(c, z);
                int dst = p * h * k * w * k;
                for (int y = 0; y < h * k; y++) {
                    for (int x = 0; x < w * k; x++) {
                        out[dst + y * w * k + x] = in.data()[src + (y / k) * w + x / k];
                    }
                }
            }
        }
        return new ImageStack(in.channels(), in.depth(), h * k, w * k, out, in.type());
    }
}
