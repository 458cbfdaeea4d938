package org.convpaint.pickle;

/**
 * A numpy scalar pickled as {@code numpy.core.multiarray.scalar(dtype, raw_bytes)}, e.g. {@code np.int64(3)} or a
 * float64 feature importance. Extends {@link Number} so that callers can treat it like a Python number.
 */
public final class NpScalar extends Number {
    private static final long serialVersionUID = 1L;

    private final double value;
    private final boolean integral;
    private final long longValue;

    private NpScalar(double value, long longValue, boolean integral) {
        this.value = value;
        this.longValue = longValue;
        this.integral = integral;
    }

    static NpScalar of(Object dtypeObj, Object raw) {
        if (!(dtypeObj instanceof NpDType dtype) || !(raw instanceof byte[] bytes)) {
            throw PickleRejection.invalid("numpy scalar needs a dtype and a byte string");
        }
        if (bytes.length != dtype.itemSize() || "biuf".indexOf(dtype.kind()) < 0) {
            throw PickleRejection.unsupported("numpy scalar of dtype " + dtype + " is not supported");
        }
        boolean isInt = dtype.kind() != 'f';
        long lv = isInt ? dtype.readLong(bytes, 0) : 0;
        double dv = dtype.readDouble(bytes, 0);
        return new NpScalar(dv, isInt ? lv : (long) dv, isInt);
    }

    public boolean isIntegral() {
        return integral;
    }

    @Override
    public int intValue() {
        return (int) longValue;
    }

    @Override
    public long longValue() {
        return longValue;
    }

    @Override
    public float floatValue() {
        return (float) value;
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public String toString() {
        return integral ? Long.toString(longValue) : Double.toString(value);
    }
}
