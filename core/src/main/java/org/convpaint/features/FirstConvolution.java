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
        float[] acc = new float[w];
        for (int z = 0; z < depth; z++) {
            int inBase = z * IN * plane;
            for (int y = 0; y < h; y++) {
                for (int o = 0; o < OUT; o++) {
                    java.util.Arrays.fill(acc, 0f);
                    for (int ky = 0; ky < 3; ky++) {
                        int sy = y + ky - 1;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < 3; kx++) {
                            for (int c = 0; c < IN; c++) {
                                float wv = weight[((o * IN + c) * 3 + ky) * 3 + kx];
                                accumulateRow(input, inBase + c * plane + sy * w, acc, w, kx - 1, wv);
                            }
                        }
                    }
                    int dst = (z * OUT + o) * plane + y * w;
                    float b = bias[o];
                    for (int x = 0; x < w; x++) {
                        out[dst + x] = acc[x] + b;
                    }
                }
            }
        }
        return out;
    }

    /** {@code acc[x] = fma(wv, row[x+dx], acc[x])} wherever the input pixel exists (zero padding elsewhere). */
    private static void accumulateRow(float[] in, int row, float[] acc, int w, int dx, float wv) {
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, w - dx);
        int s = row + dx;
        for (int x = x0; x < x1; x++) {
            acc[x] = Math.fma(wv, in[s + x], acc[x]);
        }
    }
}
