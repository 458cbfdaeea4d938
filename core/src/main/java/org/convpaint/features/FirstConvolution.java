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
        // taps[i][x]: the tap accumulated i-th, input[c][y+ky-1][x+kx-1] for tap (ky·3 + kx)·3 + c = tapOf[i], zero
        // outside the image: an absent tap then adds fma(w, 0, acc) = acc, exactly what skipping it gives. Each tap
        // is its own array indexed by x alone, the form of loop HotSpot's C2 vectorises; filled in accumulation
        // order, so that both orders run the same passes (picking the arrays through tapOf in the passes made C2's
        // code 4x slower once the GEMM order had been seen).
        float[][] taps = new float[27][w];
        float[][] acc = new float[4][w];
        int[] tapOf = new int[27];
        for (int i = 0; i < 27; i++) {
            tapOf[i] = order == Order.ONEDNN ? i : (i % 9) * 3 + i / 9;
        }
        int[] slotOf = new int[27];
        for (int i = 0; i < 27; i++) {
            slotOf[tapOf[i]] = i;
        }
        // passWeights[o/4·9 + i/3]: the weights of output channels o..o+3 for the taps accumulated i-th to i+2-th
        float[][] passWeights = new float[OUT / 4 * 9][12];
        for (int o = 0; o < OUT; o += 4) {
            for (int i = 0; i < 27; i++) {
                int wi = weightIndex(o, tapOf[i]);
                for (int j = 0; j < 4; j++) {
                    passWeights[o / 4 * 9 + i / 3][i % 3 * 4 + j] = weight[wi + 27 * j];
                }
            }
        }
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < h; y++) {
                fillTaps(input, z, h, w, y, taps, slotOf);
                for (int o = 0; o < OUT; o += 4) {
                    for (float[] a : acc) {
                        java.util.Arrays.fill(a, 0f);
                    }
                    // three taps per pass over the row: each accumulator is loaded and stored once per three
                    // fused multiply-adds, which still follow the tap order one after the other
                    for (int i = 0; i < 27; i += 3) {
                        fmaRows(acc, taps[i], taps[i + 1], taps[i + 2], passWeights[o / 4 * 9 + i / 3], w);
                    }
                    for (int i = 0; i < 4; i++) {
                        addBias(acc[i], bias[o + i], out, offset + ((z * OUT + o + i) * h + y) * w, w);
                    }
                }
            }
        }
    }

    private static void fillTaps(float[] input, int z, int h, int w, int y, float[][] taps, int[] slotOf) {
        for (int ky = 0; ky < 3; ky++) {
            int sy = y + ky - 1;
            for (int kx = 0; kx < 3; kx++) {
                for (int c = 0; c < IN; c++) {
                    float[] t = taps[slotOf[(ky * 3 + kx) * 3 + c]];
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

    /** Index in the [64, 3, 3, 3] weights of output channel {@code o}'s tap {@code t} ((ky·3 + kx)·3 + c). */
    private static int weightIndex(int o, int t) {
        return ((o * IN + t % 3) * 3 + t / 9) * 3 + t / 3 % 3;
    }

    /**
     * For the four output channels of {@code acc}: {@code a[x] = fma(wC, tc[x], fma(wB, tb[x], fma(wA, ta[x],
     * a[x])))}, with {@code wt} = {A for channels 0..3, B for 0..3, C for 0..3}.
     */
    private static void fmaRows(float[][] acc, float[] ta, float[] tb, float[] tc, float[] wt, int w) {
        float[] a0 = acc[0];
        float[] a1 = acc[1];
        float[] a2 = acc[2];
        float[] a3 = acc[3];
        float wa0 = wt[0];
        float wa1 = wt[1];
        float wa2 = wt[2];
        float wa3 = wt[3];
        float wb0 = wt[4];
        float wb1 = wt[5];
        float wb2 = wt[6];
        float wb3 = wt[7];
        float wc0 = wt[8];
        float wc1 = wt[9];
        float wc2 = wt[10];
        float wc3 = wt[11];
        for (int x = 0; x < w; x++) {
            float va = ta[x];
            float vb = tb[x];
            float vc = tc[x];
            a0[x] = Math.fma(wc0, vc, Math.fma(wb0, vb, Math.fma(wa0, va, a0[x])));
            a1[x] = Math.fma(wc1, vc, Math.fma(wb1, vb, Math.fma(wa1, va, a1[x])));
            a2[x] = Math.fma(wc2, vc, Math.fma(wb2, vb, Math.fma(wa2, va, a2[x])));
            a3[x] = Math.fma(wc3, vc, Math.fma(wb3, vb, Math.fma(wa3, va, a3[x])));
        }
    }

    private static void addBias(float[] acc, float b, float[] out, int offset, int w) {
        for (int x = 0; x < w; x++) {
            out[offset + x] = acc[x] + b;
        }
    }
}
