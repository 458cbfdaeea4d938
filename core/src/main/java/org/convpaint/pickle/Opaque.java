package org.convpaint.pickle;

/**
 * Placeholder for allowed objects that inference does not need (pandas frames and indexes, slices): every
 * argument and state given to it is discarded. {@link #factory} makes the allowed callables that produce it.
 */
public final class Opaque implements PyBuildable {
    private final String className;

    private Opaque(String className) {
        this.className = className;
    }

    /** The Python class or function this stands for. */
    public String className() {
        return className;
    }

    @Override
    public void build(Object state) {
        // discarded on purpose
    }

    @Override
    public String toString() {
        return "<opaque " + className + ">";
    }

    /** A callable whose every result is an {@link Opaque}. */
    public static PyCallable factory(String qualifiedName) {
        return PyCallable.of(qualifiedName, args -> new Opaque(qualifiedName));
    }
}
