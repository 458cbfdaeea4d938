package org.convpaint.image;

/**
 * Pixel types an input or output image may have, named as numpy names them. The pipeline keeps values in
 * {@code double} but follows the arithmetic of the numpy dtype recorded here (e.g. float32 statistics for float32
 * images, float64 for integer images, float16 arithmetic with float32 sums for float16 images), because
 * napari-convpaint's results depend on it.
 */
public enum PixelType {
    UINT8(8, false, false),
    INT8(8, true, false),
    UINT16(16, false, false),
    INT16(16, true, false),
    UINT32(32, false, false),
    INT32(32, true, false),
    /** IEEE half precision; values are held as the doubles of their halves, arithmetic follows numpy's float16. */
    FLOAT16(16, true, true),
    FLOAT32(32, true, true),
    FLOAT64(64, true, true);

    private final int bits;
    private final boolean signed;
    private final boolean floating;
    private final double min;
    private final double max;

    PixelType(int bits, boolean signed, boolean floating) {
        this.bits = bits;
        this.signed = signed;
        this.floating = floating;
        this.min = signed ? -Math.pow(2, bits - 1) : 0;
        this.max = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / 8;
    }

    public boolean isFloating() {
        return floating;
    }

    public boolean isInteger() {
        return !floating;
    }

    public boolean isSigned() {
        return signed;
    }

    /** numpy's {@code iinfo(dtype).max} for integer types. */
    public double maxValue() {
        if (floating) {
            throw new IllegalStateException(this + " has no integer maximum");
        }
        return max;
    }

    /** numpy's {@code iinfo(dtype).min} for integer types. */
    public double minValue() {
        if (floating) {
            throw new IllegalStateException(this + " has no integer minimum");
        }
        return min;
    }

    /** numpy spelling, e.g. {@code uint16}. */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
