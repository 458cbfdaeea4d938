package org.convpaint.pickle;

import java.util.List;

/** The numpy globals a pickled ndarray, dtype or scalar needs, under numpy 1.x and 2.x module names. */
final class Numpy {
    private Numpy() {
    }

    /** Marker for {@code numpy.ndarray}, which pickles pass as the first argument of {@code _reconstruct}. */
    static final class NdArrayClass implements PyCallable {
        @Override
        public String qualifiedName() {
            return "numpy.ndarray";
        }

        @Override
        public Object call(Object[] args) {
            throw PickleRejection.unsupported("direct calls of numpy.ndarray(...) are not supported");
        }
    }

    static List<PyCallable> globals() {
        return List.of(
                new NdArrayClass(),
                PyCallable.of("numpy.core.multiarray._reconstruct", Numpy::reconstruct),
                PyCallable.of("numpy._core.multiarray._reconstruct", Numpy::reconstruct),
                PyCallable.of("numpy.core.multiarray.scalar", Numpy::scalar),
                PyCallable.of("numpy._core.multiarray.scalar", Numpy::scalar),
                PyCallable.of("numpy.core.numeric._frombuffer", Numpy::frombuffer),
                PyCallable.of("numpy._core.numeric._frombuffer", Numpy::frombuffer),
                PyCallable.of("numpy.dtype", Numpy::dtype));
    }

    private static Object reconstruct(Object[] args) {
        if (args.length != 3 || !(args[0] instanceof NdArrayClass)) {
            throw PickleRejection.unsupported("numpy _reconstruct is only supported for plain numpy.ndarray");
        }
        return new NdArray();
    }

    private static Object scalar(Object[] args) {
        if (args.length != 2) {
            throw PickleRejection.invalid("numpy scalar expects (dtype, bytes)");
        }
        return NpScalar.of(args[0], args[1]);
    }

    private static Object frombuffer(Object[] args) {
        if (args.length != 4) {
            throw PickleRejection.invalid("numpy _frombuffer expects (buffer, dtype, shape, order)");
        }
        return NdArray.fromBuffer(args[0], args[1], args[2], args[3]);
    }

    private static Object dtype(Object[] args) {
        if (args.length < 1) {
            throw PickleRejection.invalid("numpy dtype expects a type code");
        }
        return NpDType.fromCode(args[0]);
    }
}
