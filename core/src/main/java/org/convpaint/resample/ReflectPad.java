package org.convpaint.resample;

/** numpy's {@code np.pad(plane, ((top, bottom), (left, right)), mode='reflect')} for one plane. */
public final class ReflectPad {
    private ReflectPad() {
    }

    /**
     * @param src plane {@code h × w} at {@code srcOff}
     * @param dst receives {@code (h+top+bottom) × (w+left+right)} values at {@code dstOff}
     */
    public static void pad(double[] src, int srcOff, int h, int w, int top, int bottom, int left, int right,
            double[] dst, int dstOff) {
        int ph = h + top + bottom;
        int pw = w + left + right;
        int[] cols = new int[pw];
        for (int x = 0; x < pw; x++) {
            cols[x] = Reflect.index(x - left, w);
        }
        for (int y = 0; y < ph; y++) {
            int sy = Reflect.index(y - top, h);
            int s = srcOff + sy * w;
            int d = dstOff + y * pw;
            for (int x = 0; x < pw; x++) {
                dst[d + x] = src[s + cols[x]];
            }
        }
    }
}
