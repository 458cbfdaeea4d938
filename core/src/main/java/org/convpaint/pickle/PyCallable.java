package org.convpaint.pickle;

/**
 * Java stand-in for an allowed Python global (a class or function). It is what the pickle VM pushes for
 * {@code GLOBAL}/{@code STACK_GLOBAL}, and what {@code REDUCE} and {@code NEWOBJ} apply to their arguments.
 * Implementations only build inert data; they must validate their arguments and throw
 * {@link PickleRejection} on anything unexpected.
 */
public interface PyCallable {

    /** {@code module.name} of the Python global this stands for. */
    String qualifiedName();

    /** {@code REDUCE}: {@code callable(*args)}. */
    Object call(Object[] args);

    /** {@code NEWOBJ}: {@code cls.__new__(cls, *args)}; by default the same as {@link #call}. */
    default Object newObject(Object[] args) {
        return call(args);
    }

    /** A callable named {@code qualifiedName} that applies {@code f} to the arguments. */
    static PyCallable of(String qualifiedName, java.util.function.Function<Object[], Object> f) {
        return new PyCallable() {
            @Override
            public String qualifiedName() {
                return qualifiedName;
            }

            @Override
            public Object call(Object[] args) {
                return f.apply(args);
            }
        };
    }
}
