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

    /**
     * One 1-D pass. Every output value gets exactly {@code NI_Correlate1D}'s operations in its order; the loops run
     * over a whole row of outputs at a time (along Y: rows of the plane; along X: the padded line) so that the
     * JIT can work on several outputs at once.
     */
    private static double[] correlate(double[] in, int h, int w, double[] k, boolean alongY, Mode mode,
            boolean float32) {
        double[] out = new double[h * w];
        if (alongY) {
            correlateColumns(in, h, w, k, mode, out);
        } else {
            correlateRows(in, h, w, k, mode, out);
        }
        if (float32) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) out[i];
            }
        }
        return out;
    }

    /** Along Y: output row i from the rows i ± j (mapped by the mode), for all columns at once. */
    private static void correlateColumns(double[] in, int h, int w, double[] k, Mode mode, double[] out) {
        int r = k.length / 2;
        double centre = k[r];
        for (int i = 0; i < h; i++) {
            int o = i * w;
            scale(in, o, centre, out, o, w);
            for (int j = -r; j < 0; j++) {
                addPair(in, map(i + j, h, mode) * w, map(i - j, h, mode) * w, k[r + j], out, o, w);
            }
        }
    }

    /** Along X: each row padded by the mode, then all its outputs at once. */
    private static void correlateRows(double[] in, int h, int w, double[] k, Mode mode, double[] out) {
        int r = k.length / 2;
        double centre = k[r];
        double[] line = new double[w + 2 * r];
        for (int l = 0; l < h; l++) {
            int row = l * w;
            for (int i = -r; i < w + r; i++) {
                line[i + r] = in[row + map(i, w, mode)];
            }
            scale(line, r, centre, out, row, w);
            for (int j = -r; j < 0; j++) {
                addPair(line, r + j, r - j, k[r + j], out, row, w);
            }
        }
    }

    /** {@code out[o + x] = in[a + x] · f} for x below n. (Small loops in small methods: compiled early.) */
    private static void scale(double[] in, int a, double f, double[] out, int o, int n) {
        for (int x = 0; x < n; x++) {
            out[o + x] = in[a + x] * f;
        }
    }

    /** {@code out[o + x] += (in[a + x] + in[b + x]) · f} for x below n. */
    private static void addPair(double[] in, int a, int b, double f, double[] out, int o, int n) {
        for (int x = 0; x < n; x++) {
            out[o + x] += (in[a + x] + in[b + x]) * f;
        }
    }

    private static int map(int i, int len, Mode mode) {
        return mode == Mode.NEAREST ? Reflect.nearest(i, len) : Reflect.index(i, len);
    }
}
