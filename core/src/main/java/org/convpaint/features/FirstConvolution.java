package org.convpaint.features;

/**
 * VGG16's first convolution ({@code features.0}: 3 → 64 channels, 3×3, stride 1, zero padding 1) in Java. Each
 * output is {@code Σ_{c,ky,kx} w·x} accumulated with fused multiply-adds from zero in (ky, kx, c) order, then
 * plus the bias — bit-identical to torch 1.13's oneDNN direct convolution, which torch uses for all but small
 * images. Computed here rather than by
 * libtorch because libtorch's kernel for 3 input channels rounds differently with the image size, which would
 * make tiled and untiled results differ. Stateless and thread-safe.
 */
final class FirstConvolution {
    static final int IN = 3;
    static final int OUT = 64;

    private FirstConvolution() {
    }

    /**
     * @param input  [Z, 3, H, W] float32
     * @param weight [64, 3, 3, 3]
     * @param bias   [64]
     * @return [Z, 64, H, W]
     */
    static float[] apply(float[] input, int depth, int h, int w, float[] weight, float[] bias) {
        int plane = h * w;
        float[] out = new float[depth * OUT * plane];
        for (int z = 0; z < depth; z++) {
            int inBase = z * IN * plane;
            for (int o = 0; o < OUT; o++) {
                int dst = (z * OUT + o) * plane;
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        for (int c = 0; c < IN; c++) {
                            float wv = weight[((o * IN + c) * 3 + ky) * 3 + kx];
                            accumulate(input, inBase + c * plane, out, dst, h, w, ky - 1, kx - 1, wv);
                        }
                    }
                }
                float b = bias[o];
                for (int i = dst; i < dst + plane; i++) {
                    out[i] += b;
                }
            }
        }
        return out;
    }

    /** {@code out[y][x] = fma(wv, in[y+dy][x+dx], out[y][x])} wherever the input pixel exists. */
    private static void accumulate(float[] in, int src, float[] out, int dst, int h, int w, int dy, int dx,
            float wv) {
        int y0 = Math.max(0, -dy);
        int y1 = Math.min(h, h - dy);
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, w - dx);
        for (int y = y0; y < y1; y++) {
            int o = dst + y * w;
            int s = src + (y + dy) * w + dx;
            for (int x = x0; x < x1; x++) {
                out[o + x] = Math.fma(wv, in[s + x], out[o + x]);
            }
        }
    }
}
