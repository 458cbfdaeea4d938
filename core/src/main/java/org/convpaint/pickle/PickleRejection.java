package org.convpaint.pickle;

/**
 * Unchecked signal raised inside the pickle VM; {@link SafeUnpickler#load} turns it into the checked
 * {@link org.convpaint.UnsupportedModelException} or {@link org.convpaint.InvalidModelException}.
 */
public final class PickleRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unsupported;

    private PickleRejection(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    /** The content is well formed but names something the allow-list refuses. */
    public static PickleRejection unsupported(String message) {
        return new PickleRejection(message, true);
    }

    /** The content is malformed: wrong types, inconsistent sizes, truncated data. */
    public static PickleRejection invalid(String message) {
        return new PickleRejection(message, false);
    }

    public boolean isUnsupported() {
        return unsupported;
    }
}
