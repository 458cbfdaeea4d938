package org.convpaint.knime.files.batch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What happened to the input of one row: the node's new cells are made from it. Immutable (the shape is copied).
 *
 * @param status        done, skipped or failed
 * @param labels        the label file or store: written ({@link Status#DONE}), or the existing one that was kept
 *                      ({@link Status#SKIPPED}); null otherwise
 * @param probabilities the probabilities file or store, like {@code labels}; null when none is wanted
 * @param axes          the axes used (e.g. {@code YX}, {@code TZYX}), known when done; else null
 * @param shape         the input's size along {@code axes}, known when done; else null
 * @param seconds       wall time of the prediction (done, failed); null when skipped
 * @param message       why the row was skipped or failed; null when done
 * @param warnings      the engine's notes for this image (e.g. a channel chosen automatically); never null
 */
public record RowResult(Status status, Path labels, Path probabilities, String axes, int[] shape, Double seconds,
        String message, List<String> warnings) {

    /** The outcome of a row. */
    public enum Status {
        /** Outputs written. */
        DONE("done"),
        /** Nothing done: the outputs existed (and overwriting is off), or the input is itself an output. */
        SKIPPED("skipped"),
        /** The input could not be segmented or its outputs could not be written; nothing was left behind. */
        FAILED("failed");

        private final String text;

        Status(final String text) {
            this.text = text;
        }

        /** @return the text of the status column: {@code done}, {@code skipped} or {@code failed} */
        public String text() {
            return text;
        }
    }

    /** Copies the shape and the warnings; checks that a done result has no message and the others have one. */
    public RowResult {
        if (status == null || (status == Status.DONE) == (message != null)) {
            throw new IllegalArgumentException("a " + status + " result " + (message == null ? "needs" : "has")
                    + " a message");
        }
        shape = shape == null ? null : shape.clone();
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * A failed row.
     *
     * @param message why it failed, one line for the user
     * @param seconds time spent, or null
     * @return the result
     */
    public static RowResult failed(final String message, final Double seconds) {
        return new RowResult(Status.FAILED, null, null, null, null, seconds, message, List.of());
    }

    /** @return a copy of the shape, or null */
    @Override
    public int[] shape() {
        return shape == null ? null : shape.clone();
    }

    /** @return the shape as text, e.g. {@code [301, 257]} for axes {@code YX} (as {@code convpaint predict}); or null */
    public String shapeText() {
        return shape == null ? null : Arrays.toString(shape);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RowResult r && status == r.status && java.util.Objects.equals(labels, r.labels)
            && java.util.Objects.equals(probabilities, r.probabilities) && java.util.Objects.equals(axes, r.axes)
            && Arrays.equals(shape, r.shape) && java.util.Objects.equals(seconds, r.seconds)
            && java.util.Objects.equals(message, r.message) && warnings.equals(r.warnings);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(status, labels, probabilities, axes, Arrays.hashCode(shape), seconds, message,
            warnings);
    }

    @Override
    public String toString() {
        return "RowResult[" + status.text() + ", labels=" + labels + ", probabilities=" + probabilities + ", axes="
            + axes + ", shape=" + shapeText() + ", seconds=" + seconds + ", message=" + message + "]";
    }
}
