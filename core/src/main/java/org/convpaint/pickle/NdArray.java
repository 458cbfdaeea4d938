package org.convpaint.pickle;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A numpy ndarray read from a pickle, either through {@code _reconstruct} + {@code BUILD} (protocols ≤ 4) or
 * {@code _frombuffer} (protocol 5). Holds the raw element bytes (or the element list of an object array) and
 * converts them on request. The element count claimed by the shape must match the bytes present; otherwise the
 * array is rejected before anything is allocated. Numeric elements have at least one byte, so the element count
 * never exceeds the bytes present in the file.
 */
public final class NdArray implements PyBuildable {
    private NpDType dtype;
    private int[] shape;
    private boolean fortran;
    private byte[] data;
    private List<Object> objects;

    NdArray() {
    }

    /** The protocol-5 path: {@code _frombuffer(buffer, dtype, shape, order)}. */
    static NdArray fromBuffer(Object buffer, Object dtype, Object shape, Object order) {
        NdArray a = new NdArray();
        a.init(shape, dtype, "F".equals(order), buffer);
        return a;
    }

    @Override
    public void build(Object state) {
        if (!(state instanceof Object[] t) || t.length != 5) {
            throw PickleRejection.invalid("numpy array state is not a 5-tuple");
        }
        init(t[1], t[2], Boolean.TRUE.equals(t[3]), t[4]);
    }

    private void init(Object shapeObj, Object dtypeObj, boolean isFortran, Object raw) {
        if (!(dtypeObj instanceof NpDType dt)) {
            throw PickleRejection.invalid("numpy array without a dtype");
        }
        if (!(shapeObj instanceof Object[] dims)) {
            throw PickleRejection.invalid("numpy array shape is not a tuple");
        }
        int[] s = new int[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (!(dims[i] instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                throw PickleRejection.invalid("numpy array shape has an invalid dimension "
                        + org.convpaint.Messages.describe(dims[i]));
            }
            s[i] = n.intValue();
            count = multiplyCapped(count, s[i]);
        }
        dtype = dt;
        shape = s;
        fortran = isFortran;
        if (dt.kind() == 'O') {
            if (!(raw instanceof List<?> list) || list.size() != count) {
                throw PickleRejection.invalid("numpy object array holds a different number of elements than its shape "
                        + Arrays.toString(s));
            }
            objects = Collections.unmodifiableList(list.stream().map(o -> (Object) o).toList());
            return;
        }
        if (dt.itemSize() < 1) {
            throw PickleRejection.invalid("numpy array of dtype " + dt + " has elements of 0 bytes");
        }
        long bytes = multiplyCapped(count, dt.itemSize());
        if (!(raw instanceof byte[] b)) {
            throw PickleRejection.invalid("numpy array data is not a byte string");
        }
        if (b.length != bytes) {
            throw PickleRejection.invalid("numpy array of shape " + Arrays.toString(s) + " and dtype " + dt
                    + " needs " + bytes + " bytes but the file holds " + b.length);
        }
        data = b;
    }

    private static long multiplyCapped(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw PickleRejection.invalid("numpy array size overflows");
        }
    }

    public NpDType dtype() {
        requireBuilt();
        return dtype;
    }

    /** Shape in numpy order. */
    public int[] shape() {
        requireBuilt();
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        requireBuilt();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw PickleRejection.invalid("numpy array too large");
        }
        return (int) n;
    }

    /** Elements of an object array in C order. */
    public List<Object> objects() {
        requireBuilt();
        if (objects == null) {
            throw PickleRejection.invalid("expected an object array, found dtype " + dtype);
        }
        return objects;
    }

    /** All elements as doubles, in C (row-major) order. */
    public double[] toDoubles() {
        int n = size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = dtype.readDouble(numericData(), byteOffset(i));
        }
        return out;
    }

    /** All elements as longs, in C order; float elements must be integral. */
    public long[] toLongs() {
        int n = size();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = dtype.readLong(numericData(), byteOffset(i));
        }
        return out;
    }

    /** A named field of a 1-D structured array (e.g. sklearn's tree nodes) as doubles. */
    public double[] fieldDoubles(String name) {
        NpDType.Field f = field(name);
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.type().readDouble(numericData(), i * dtype.itemSize() + f.offset());
        }
        return out;
    }

    /** A named integer field of a 1-D structured array as longs. */
    public long[] fieldLongs(String name) {
        NpDType.Field f = field(name);
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.type().readLong(numericData(), i * dtype.itemSize() + f.offset());
        }
        return out;
    }

    /** True if this is a structured array with the named field. */
    public boolean hasField(String name) {
        requireBuilt();
        return dtype.fields().containsKey(name);
    }

    private NpDType.Field field(String name) {
        requireBuilt();
        NpDType.Field f = dtype.fields().get(name);
        if (f == null || shape.length != 1) {
            throw PickleRejection.invalid("numpy record array has no field '" + name + "'");
        }
        return f;
    }

    private byte[] numericData() {
        if (data == null) {
            throw PickleRejection.invalid("expected a numeric array, found dtype " + dtype);
        }
        return data;
    }

    /** Byte offset of the element with C-order index {@code i}, honouring Fortran layout. */
    private int byteOffset(int i) {
        if (!fortran || shape.length < 2) {
            return i * dtype.itemSize();
        }
        int rem = i;
        long off = 0;
        long stride = 1;
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rem % shape[d];
            rem /= shape[d];
        }
        for (int d = 0; d < shape.length; d++) {
            off += idx[d] * stride;
            stride *= shape[d];
        }
        return (int) (off * dtype.itemSize());
    }

    private void requireBuilt() {
        if (dtype == null) {
            throw PickleRejection.invalid("numpy array was never given its data");
        }
    }

    @Override
    public String toString() {
        return dtype == null ? "ndarray (empty)" : "ndarray" + Arrays.toString(shape) + " " + dtype;
    }
}
