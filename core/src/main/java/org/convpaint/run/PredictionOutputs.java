package org.convpaint.run;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.InvalidInputException;
import org.convpaint.image.ImageSource;
import org.convpaint.grid.IntGrid;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.PredictionOutput;
import org.convpaint.io.PredictionWriter;
import org.convpaint.io.ngff.LabelTarget;
import org.convpaint.io.ngff.OmeZarrPredictionWriter;
import org.convpaint.pipeline.Segmentation;

/**
 * Opens the {@link PredictionOutput} of an image in a chosen {@link OutputFormat}: the one place output formats are
 * chosen, for files ({@link FilePredictor}) and for images in memory (the KNIME node). Stateless.
 */
public final class PredictionOutputs {
    /** Y and X chunks of OME-Zarr outputs of images that have no chunks of their own. */
    private static final int[] DEFAULT_CHUNKS = {1024, 1024};

    private PredictionOutputs() {
    }

    /**
     * The outputs of an image that is not a file (e.g. a KNIME cell).
     *
     * @param labels        the label file or store
     * @param probabilities the probability file or store, or null
     * @param image         the image segmented (its axes, shape and calibration shape the outputs)
     */
    public static PredictionOutput open(OutputFormat format, Path labels, Path probabilities, ImageSource image)
            throws IOException {
        if (format == OutputFormat.TIFF) {
            return PredictionWriter.open(labels, probabilities, image.axes(), image.shape(), image.calibration());
        }
        return OmeZarrPredictionWriter.open(LabelTarget.standalone(labels, null), probabilities, image.axes(),
                image.shape(), image.calibration(), DEFAULT_CHUNKS);
    }

    /**
     * @throws InvalidInputException if labels are asked into an input that is not an OME-Zarr image
     */
    static PredictionOutput open(Path input, OpenedInput opened, OutputTargets targets)
            throws IOException, InvalidInputException {
        ImageSource s = opened.source();
        if (targets.intoInput() && (opened.format() != OutputFormat.ZARR || opened.zarrFormat() == null)) {
            throw new InvalidInputException("labels can be written into OME-Zarr inputs only, not into a TIFF file "
                    + "(drop --into-input to write them beside it)", input);
        }
        PredictionOutput own = null;
        try {
            if (targets.labels() != null && targets.format() == OutputFormat.TIFF) {
                own = PredictionWriter.open(targets.labels(), targets.probabilities(), s.axes(), s.shape(),
                        s.calibration());
            } else if (targets.labels() != null) {
                own = OmeZarrPredictionWriter.open(LabelTarget.standalone(targets.labels(), input),
                        targets.probabilities(), s.axes(), s.shape(), s.calibration(), chunks(opened));
            }
            if (!targets.intoInput()) {
                return own;
            }
            PredictionOutput into = OmeZarrPredictionWriter.open(LabelTarget.intoImage(input, opened.zarrFormat()),
                    own == null ? targets.probabilities() : null, s.axes(), s.shape(), s.calibration(),
                    chunks(opened));
            return own == null ? into : new Both(own, into);
        } catch (IOException | RuntimeException e) {
            if (own != null) {
                own.close();
            }
            throw e;
        }
    }

    private static int[] chunks(OpenedInput opened) {
        return opened.planeChunks() != null ? opened.planeChunks() : DEFAULT_CHUNKS;
    }

    /** Two outputs fed the same timepoints; finished and closed together. */
    private record Both(PredictionOutput first, PredictionOutput second) implements PredictionOutput {
        @Override
        public void accept(int t, IntGrid labels, Segmentation segmentation) throws IOException {
            first.accept(t, labels, segmentation);
            second.accept(t, labels, segmentation);
        }

        @Override
        public String outputAxes() {
            return first.outputAxes();
        }

        @Override
        public void finish() throws IOException {
            first.finish();
            second.finish();
        }

        @Override
        public void close() throws IOException {
            try {
                first.close();
            } finally {
                second.close();
            }
        }
    }
}
