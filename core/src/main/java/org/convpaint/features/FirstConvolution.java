package org.convpaint.features;

/**
 * VGG16's first convolution ({@code features.0}: 3 → 64 channels, 3×3, stride 1, zero padding 1) in Java. Each
 * output is {@code Σ_{c,ky,kx} w·x} accumulated with fused multiply-adds from zero over the 27 taps (zero outside
 * the image), then plus the bias. In (ky, kx, c) order ({@link Order#ONEDNN}) this is bit-identical to torch's
 * oneDNN direct convolution, which torch uses for all but small images; in (c, ky, kx) order ({@link Order#GEMM})
 * to its native path for small single images (im2col, then a matrix product accumulating the taps in column order,
 * then the bias: libtorch 2.7's MKL sgemm for at least {@value #GEMM_MIN_PIXELS} output pixels). Computed here
 * rather than by libtorch because libtorch's kernel for 3 input channels rounds differently with the image size,
 * which would make tiled and untiled results differ, and so that small images need no libtorch. Stateless and
 * thread-safe.
 */
final class FirstConvolution {
    static final int IN = 3;
    static final int OUT = 64;
    /**
     * Fewest output pixels (H·W) for which {@link Order#GEMM} reproduces torch's native path; below it MKL takes a
     * kernel of another order (checked against libtorch 2.7.1 for every H × W up to 40 pixels).
     */
    static final int GEMM_MIN_PIXELS = 12;

    /** The order in which the 27 taps are accumulated. */
    enum Order {
        /** (ky, kx, c): oneDNN's direct convolution. */
        ONEDNN,
        /** (c, ky, kx): the rows of im2col, as torch's native convolution multiplies them. */
        GEMM
    }

    private FirstConvolution() {
    }

    /**
     * @param input  [Z, 3, H, W] float32
     * @param weight [64, 3, 3, 3]
     * @param bias   [64]
     * @return [Z, 64, H, W], taps in oneDNN's order
     */
    static float[] apply(float[] input, int depth, int h, int w, float[] weight, float[] bias) {
        return apply(input, depth, h, w, weight, bias, Order.ONEDNN);
    }

    /** As {@link #apply(float[], int, int, int, float[], float[])}, taps accumulated in {@code order}. */
    static float[] apply(float[] input, int depth, int h, int w, float[] weight, float[] bias, Order order) {
        float[] out = new float[depth * OUT * h * w];
        apply(input, depth, h, w, weight, bias, order, out, 0);
        return out;
    }

    /** As {@link #apply(float[], int, int, int, float[], float[], Order)}, into {@code out} from {@code offset}. */
    static void apply(float[] input, int depth, int h, int w, float[] weight, float[] bias, Order order, float[] out,
            int offset) {
        // taps[(ky*3 + kx)*3 + c][x] = input[c][y+ky-1][x+kx-1], zero outside the image: an absent tap then adds
        // fma(w, 0, acc) = acc, exactly what skipping it gives. Each tap is its own array indexed by x alone, the
        // form of loop HotSpot's C2 vectorises.
        float[][] taps = new float[27][w];
        float[][] acc = new float[4][w];
        // tapOf[i]: the tap accumulated i-th (taps are indexed (ky·3 + kx)·3 + c)
        int[] tapOf = new int[27];
        for (int i = 0; i < 27; i++) {
            tapOf[i] = order == Order.ONEDNN ? i : (i % 9) * 3 + i / 9;
        }
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < h; y++) {
                fillTaps(input, z, h, w, y, taps);
                for (int o = 0; o < OUT; o += 4) {
                    for (float[] a : acc) {
                        java.util.Arrays.fill(a, 0f);
                    }
                    for (int i = 0; i < 27; i++) {
                        int t = tapOf[i];
                        int ky = t / 9;
                        int kx = t / 3 % 3;
                        int c = t % 3;
                        int wi = ((o * IN + c) * 3 + ky) * 3 + kx;
                        fmaRows(acc[0], acc[1], acc[2], acc[3], taps[t], weight[wi], weight[wi + 27],
                                weight[wi + 54], weight[wi + 81], w);
                    }
                    for (int i = 0; i < 4; i++) {
                        addBias(acc[i], bias[o + i], out, offset + ((z * OUT + o + i) * h + y) * w, w);
                    }
                }
            }
        }
    }

    private static void fillTaps(float[] input, int z, int h, int w, int y, float[][] taps) {
        for (int ky = 0; ky < 3; ky++) {
            int sy = y + ky - 1;
            for (int kx = 0; kx < 3; kx++) {
                for (int c = 0; c < IN; c++) {
                    float[] t = taps[(ky * 3 + kx) * 3 + c];
                    java.util.Arrays.fill(t, 0f);
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    int dx = kx - 1;
                    int x0 = Math.max(0, -dx);
                    int x1 = Math.min(w, w - dx);
                    System.arraycopy(input, ((z * IN + c) * h + sy) * w + x0 + dx, t, x0, x1 - x0);
                }
            }
        }
    }

    /** {@code aI[x] = fma(wI, tap[x], aI[x])} for four output channels sharing the tap. */
    private static void fmaRows(float[] a0, float[] a1, float[] a2, float[] a3, float[] tap, float w0, float w1,
            float w2, float w3, int w) {
        for (int x = 0; x < w; x++) {
            float t = tap[x];
            a0[x] = Math.fma(w0, t, a0[x]);
            a1[x] = Math.fma(w1, t, a1[x]);
            a2[x] = Math.fma(w2, t, a2[x]);
            a3[x] = Math.fma(w3, t, a3[x]);
        }
    }

    private static void addBias(float[] acc, float b, float[] out, int offset, int w) {
        for (int x = 0; x < w; x++) {
            out[offset + x] = acc[x] + b;
        }
    }
}
