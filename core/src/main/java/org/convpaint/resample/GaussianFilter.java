package org.convpaint.resample;

/**
 * scipy's {@code ndimage.gaussian_filter} on a 2-D plane ({@code truncate=4.0}): a 1-D correlation along Y, stored
 * in the array's dtype, then along X. Each 1-D pass reproduces {@code NI_Correlate1D}'s symmetric-kernel loop
 * ({@code out = x[0]·w[0]; out += (x[−j] + x[j])·w[j]} for {@code j} from the kernel's edge inwards) in double,
 * with the kernel {@code exp(−x²/(2σ²))} normalised by its pairwise sum, as {@code _gaussian_kernel1d} builds it.
 * Axes with σ ≤ 1e-15 are skipped. Stateless and thread-safe.
 */
public final class GaussianFilter {
    /** Boundary modes: skimage's default {@code 'nearest'} and scipy's {@code 'mirror'}. */
    public enum Mode {
        NEAREST, MIRROR
    }

    private GaussianFilter() {
    }

    /** The normalised 1-D kernel of radius {@code int(4σ + 0.5)}, centre at index {@code radius}. */
    public static double[] kernel(double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] phi = new double[2 * radius + 1];
        double factor = -0.5 / (sigma * sigma);
        for (int i = -radius; i <= radius; i++) {
            phi[i + radius] = Math.exp(factor * ((long) i * i));
        }
        double sum = org.convpaint.numpy.PairwiseSum.sum(phi, 0, phi.length);
        for (int i = 0; i < phi.length; i++) {
            phi[i] /= sum;
        }
        return phi;
    }

    /**
     * Filters one {@code h × w} plane.
     *
     * @param sigmaY  σ along Y (rows); ≤ 1e-15 skips the axis
     * @param sigmaX  σ along X (columns)
     * @param float32 store intermediate and output values as float32 (scipy keeps the input's float type)
     */
    public static void filterPlane(double[] src, int srcOff, int h, int w, double sigmaY, double sigmaX, Mode mode,
            boolean float32, double[] dst, int dstOff) {
        double[] cur = new double[h * w];
        System.arraycopy(src, srcOff, cur, 0, h * w);
        if (sigmaY > 1e-15) {
            cur = correlate(cur, h, w, kernel(sigmaY), true, mode, float32);
        }
        if (sigmaX > 1e-15) {
            cur = correlate(cur, h, w, kernel(sigmaX), false, mode, float32);
        }
        System.arraycopy(cur, 0, dst, dstOff, h * w);
    }

    private static double[] correlate(double[] in, int h, int w, double[] k, boolean alongY, Mode mode,
            boolean float32) {
        int r = k.length / 2;
        int len = alongY ? h : w;
        int lines = alongY ? w : h;
        double[] line = new double[len + 2 * r];
        double[] out = new double[h * w];
        for (int l = 0; l < lines; l++) {
            for (int i = -r; i < len + r; i++) {
                int j = mode == Mode.NEAREST ? Reflect.nearest(i, len) : Reflect.index(i, len);
                line[i + r] = alongY ? in[j * w + l] : in[l * w + j];
            }
            for (int i = 0; i < len; i++) {
                int c = i + r;
                double v = line[c] * k[r];
                for (int j = -r; j < 0; j++) {
                    v += (line[c + j] + line[c - j]) * k[r + j];
                }
                if (float32) {
                    v = (float) v;
                }
                if (alongY) {
                    out[i * w + l] = v;
                } else {
                    out[l * w + i] = v;
                }
            }
        }
        return out;
    }
}
