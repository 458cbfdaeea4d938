package org.convpaint.resample;

/**
 * torch's {@code nn.functional.interpolate(x, size=(H, W), mode=…)} on float32 planes, as ATen's CPU kernels
 * compute it (align_corners=False):
 * <ul>
 * <li>nearest: source index {@code min(floor(i · scale), in − 1)} with {@code scale = (float) in / out} in float;</li>
 * <li>bilinear: {@code src = max(scale·(i + 0.5) − 0.5, 0)} rounded to float, {@code i1 = i0 + (i0 < in−1)},
 * {@code λ1 = src − i0}, {@code λ0 = 1 − λ1}; value
 * {@code (x00·λx0 + x01·λx1)·λy0 + (x10·λx0 + x11·λx1)·λy1} in float.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TorchInterpolate {
    private TorchInterpolate() {
    }

    /** Nearest-neighbour resize of {@code planes} consecutive {@code h × w} planes to {@code oh × ow}. */
    public static float[] nearest(float[] src, int planes, int h, int w, int oh, int ow) {
        float[] out = new float[planes * oh * ow];
        nearest(src, planes, h, w, oh, ow, out, 0);
        return out;
    }

    /** As above, writing the {@code planes × oh × ow} result to {@code out} from {@code offset}. */
    public static void nearest(float[] src, int planes, int h, int w, int oh, int ow, float[] out, int offset) {
        int[] ys = nearestIndex(h, oh);
        int[] xs = nearestIndex(w, ow);
        for (int p = 0; p < planes; p++) {
            int s = p * h * w;
            int d = offset + p * oh * ow;
            for (int y = 0; y < oh; y++) {
                if (y > 0 && ys[y] == ys[y - 1]) {
                    // the same source row as the row above: the same values
                    System.arraycopy(out, d + (y - 1) * ow, out, d + y * ow, ow);
                } else {
                    nearestRow(src, s + ys[y] * w, xs, out, d + y * ow, ow);
                }
            }
        }
    }

    private static void nearestRow(float[] src, int row, int[] xs, float[] out, int o, int ow) {
        for (int x = 0; x < ow; x++) {
            out[o + x] = src[row + xs[x]];
        }
    }

    /** Bilinear (align_corners=False) resize of {@code planes} consecutive {@code h × w} planes. */
    public static float[] bilinear(float[] src, int planes, int h, int w, int oh, int ow) {
        float[] out = new float[planes * oh * ow];
        bilinear(src, planes, h, w, oh, ow, out, 0);
        return out;
    }

    /** As above, writing the {@code planes × oh × ow} result to {@code out} from {@code offset}. */
    public static void bilinear(float[] src, int planes, int h, int w, int oh, int ow, float[] out, int offset) {
        int[] y0 = new int[oh];
        int[] y1 = new int[oh];
        float[] ly0 = new float[oh];
        float[] ly1 = new float[oh];
        linearWeights(h, oh, y0, y1, ly0, ly1);
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        float[] lx0 = new float[ow];
        float[] lx1 = new float[ow];
        linearWeights(w, ow, x0, x1, lx0, lx1);
        for (int p = 0; p < planes; p++) {
            int s = p * h * w;
            int d = offset + p * oh * ow;
            for (int y = 0; y < oh; y++) {
                int r0 = s + y0[y] * w;
                int r1 = s + y1[y] * w;
                for (int x = 0; x < ow; x++) {
                    float t0 = src[r0 + x0[x]] * lx0[x] + src[r0 + x1[x]] * lx1[x];
                    float t1 = src[r1 + x0[x]] * lx0[x] + src[r1 + x1[x]] * lx1[x];
                    out[d + y * ow + x] = t0 * ly0[y] + t1 * ly1[y];
                }
            }
        }
    }

    static int[] nearestIndex(int in, int out) {
        int[] idx = new int[out];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            idx[i] = in == out ? i : (int) Math.min((long) Math.floor(i * scale), in - 1);
        }
        return idx;
    }

    private static void linearWeights(int in, int out, int[] i0, int[] i1, float[] l0, float[] l1) {
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float src = (float) (scale * (i + 0.5) - 0.5);
            if (src < 0) {
                src = 0f;
            }
            int a = (int) src;
            i0[i] = a;
            i1[i] = a + (a < in - 1 ? 1 : 0);
            float lambda1 = Math.min(Math.max(src - a, 0f), 1f);
            l1[i] = lambda1;
            l0[i] = 1f - lambda1;
        }
    }
}
