package org.convpaint.pipeline;

import org.convpaint.ConvpaintException;

/**
 * Carries a checked {@link ConvpaintException} out of a task run on a worker ({@link Runnable}, {@code Future}), and
 * gives back what a task's failure was ({@link #rethrow}).
 */
final class TileFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ConvpaintException cause;

    TileFailure(ConvpaintException cause) {
        super(cause);
        this.cause = cause;
    }

    /** The checked exception carried. */
    ConvpaintException failure() {
        return cause;
    }

    /**
     * Throws what a task failed with ({@code ExecutionException.getCause()}): the checked exception a
     * {@code TileFailure} carries, or a {@code ConvpaintException}, runtime exception or error as it is; anything
     * else wrapped in an {@link IllegalStateException}.
     */
    static void rethrow(Throwable t) throws ConvpaintException {
        if (t instanceof TileFailure f) {
            throw f.cause;
        }
        if (t instanceof ConvpaintException c) {
            throw c;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
