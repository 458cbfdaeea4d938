package org.convpaint.numpy;

/**
 * IEEE 754 binary16 ("half", numpy {@code float16}) conversions. Java 17 has no {@code Float.float16ToFloat}, so
 * both directions are written out here:
 * <ul>
 * <li>{@link #toDouble}: the exact value of 16 bits (1 sign, 5 exponent, 10 fraction bits; exponent 0 gives
 * subnormals {@code m·2^−24}, exponent 31 gives ±infinity or NaN), as numpy's {@code npy_half_to_float};</li>
 * <li>{@link #round}: a value rounded to the nearest half, ties to even, overflowing to ±infinity from
 * {@code 65520} on (as numpy's {@code npy_double_to_half}, which rounds a double directly, and
 * {@code npy_float_to_half}, whose results agree for any float argument because every float is a double).</li>
 * </ul>
 * Halves are represented as the {@code double} of their value everywhere else in the pipeline. Stateless.
 */
public final class Half {
    /** Largest finite half, {@code 65504}. */
    public static final double MAX = 65504.0;
    private static final double SUBNORMAL_ULP = 0x1p-24;
    private static final int MIN_NORMAL_EXPONENT = -14;

    private Half() {
    }

    /** The exact value of the half with bits {@code bits} (the low 16 bits are used). NaN payloads are not kept. */
    public static double toDouble(int bits) {
        int sign = (bits >>> 15) & 1;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        double magnitude;
        if (exponent == 0) {
            magnitude = fraction * SUBNORMAL_ULP;
        } else if (exponent == 31) {
            magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb(1024.0 + fraction, exponent - 25);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /**
     * {@code x} rounded to the nearest half (ties to even), as a double; ±infinity when {@code |x| >= 65520}; NaN
     * stays NaN; the sign of zero is kept.
     */
    public static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0.0) {
            return x;
        }
        double a = Math.abs(x);
        int e = Math.getExponent(a);
        double ulp = e < MIN_NORMAL_EXPONENT ? SUBNORMAL_ULP : Math.scalb(1.0, e - 10);
        // a / ulp and the product back are exact (powers of two); rint rounds half to even
        double r = Math.rint(a / ulp) * ulp;
        if (r > MAX) {
            r = Double.POSITIVE_INFINITY;
        }
        return Math.copySign(r, x);
    }

    /** {@code x} rounded to a float first, then to a half: numpy's float32 arithmetic stored to a float16. */
    public static double roundFloat(double x) {
        return round((float) x);
    }
}
