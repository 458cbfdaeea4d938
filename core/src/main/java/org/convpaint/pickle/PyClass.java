package org.convpaint.pickle;

/**
 * An allowed Python class whose instances are kept as inert {@link PyInstance} data (constructor arguments plus
 * {@code BUILD} state). Nothing of the class's Python behaviour is reproduced.
 */
public final class PyClass implements PyCallable {
    private final String qualifiedName;

    public PyClass(String qualifiedName) {
        this.qualifiedName = qualifiedName;
    }

    @Override
    public String qualifiedName() {
        return qualifiedName;
    }

    @Override
    public Object call(Object[] args) {
        return new PyInstance(qualifiedName, args);
    }
}
