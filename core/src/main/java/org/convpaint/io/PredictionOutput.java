package org.convpaint.io;

import java.io.IOException;

/**
 * Where the results of one input image go, in one output format: receives each timepoint's labels (and
 * probabilities) in T order, and makes every output appear, complete, on {@link #finish()}. Closing without
 * finishing removes everything written so far. Not thread-safe.
 */
public interface PredictionOutput extends TimepointSink, AutoCloseable {

    /** Axes of the label image: the input's axes minus {@code C}, in the input's order. */
    String outputAxes();

    /** Completes the outputs and moves them into place. */
    void finish() throws IOException;

    @Override
    void close() throws IOException;
}
