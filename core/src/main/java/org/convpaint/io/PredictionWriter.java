package org.convpaint.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.image.Calibration;
import org.convpaint.image.LabelVolume;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffWriter;
import org.convpaint.pipeline.Probabilities;
import org.convpaint.pipeline.Segmentation;
import org.convpaint.run.TimepointSink;

/**
 * Writes the results of one input image: labels as a uint32 OME-TIFF with the input's axes minus the channel axis
 * (and its calibration), written plane by plane as timepoints arrive (labels in a scratch file a strip of rows at
 * a time); optionally probabilities as a float32 OME-TIFF with the class axis first ({@code C} + label axes),
 * written at the end from a scratch file that collects the timepoints (so memory does not grow with their number).
 * Both files appear atomically on {@link #finish()}; closing without finishing deletes everything written. Not
 * thread-safe.
 */
public final class PredictionWriter implements TimepointSink, AutoCloseable {
    private final AtomicOutput labelsOut;
    private final AtomicOutput probsOut;
    private final TiffWriter labels;
    private final String outAxes;
    private final long[] outShape;
    private final Calibration calibration;
    /** Probabilities of the timepoints so far, on disk: timepoint t's [K, Z, Y, X] floats from offsets[t]. */
    private FloatSpill spill;
    private final List<Long> offsets = new ArrayList<>();
    private final int planeSize;
    private int classes;
    private boolean finished;

    private PredictionWriter(AtomicOutput labelsOut, AtomicOutput probsOut, TiffWriter labels, String outAxes,
            long[] outShape, Calibration calibration) {
        this.labelsOut = labelsOut;
        this.probsOut = probsOut;
        this.labels = labels;
        this.outAxes = outAxes;
        this.outShape = outShape;
        this.calibration = calibration;
        this.planeSize = (int) (outShape[outShape.length - 1] * outShape[outShape.length - 2]);
    }

    /**
     * @param labelsFile   target of the label image
     * @param probsFile    target of the probability image, or null
     * @param inputAxes    axes of the input image (T, Z, C, Y, X letters)
     * @param inputShape   its shape
     * @param calibration  carried into the outputs
     */
    public static PredictionWriter open(Path labelsFile, Path probsFile, String inputAxes, int[] inputShape,
            Calibration calibration) throws IOException {
        StringBuilder axes = new StringBuilder();
        List<Long> shape = new ArrayList<>();
        for (int i = 0; i < inputAxes.length(); i++) {
            if (inputAxes.charAt(i) != 'C') {
                axes.append(inputAxes.charAt(i));
                shape.add((long) inputShape[i]);
            }
        }
        long[] s = shape.stream().mapToLong(Long::longValue).toArray();
        AtomicOutput lo = AtomicOutput.to(labelsFile);
        AtomicOutput po = null;
        try {
            po = probsFile == null ? null : AtomicOutput.to(probsFile);
            TiffWriter w = TiffWriter.create(lo.temporaryFile(), axes.toString(), s, PixelType.UINT32, calibration);
            return new PredictionWriter(lo, po, w, axes.toString(), s, calibration);
        } catch (IOException | RuntimeException e) {
            lo.close();
            if (po != null) {
                po.close();
            }
            throw e;
        }
    }

    /** Axes of the label image. */
    public String outputAxes() {
        return outAxes;
    }

    /** Shape of the label image. */
    public long[] outputShape() {
        return outShape.clone();
    }

    @Override
    public void accept(int t, LabelVolume timepointLabels, Segmentation seg) throws IOException {
        int width = timepointLabels.width();
        if ((long) width * timepointLabels.height() != planeSize) {
            throw new IllegalStateException("labels of " + timepointLabels.height() + "x" + width
                    + " for planes of " + planeSize + " pixels");
        }
        for (int p = 0; p < timepointLabels.depth(); p++) {
            if (timepointLabels.inMemory()) {
                labels.writePlane(timepointLabels.array(), p * planeSize);
            } else {
                int plane = p;
                labels.writePlane((y0, y1, dst) -> timepointLabels.read(plane, y0, 0, dst, 0, (y1 - y0) * width));
            }
        }
        if (probsOut != null) {
            Probabilities pr = seg.probabilities();
            if (pr == null) {
                throw new IllegalStateException("probabilities were requested but not computed");
            }
            if (pr.data().length != pr.classes() * timepointLabels.size()
                    || (!offsets.isEmpty() && pr.classes() != classes)) {
                throw new IllegalStateException("probability size mismatch");
            }
            classes = pr.classes();
            if (spill == null) {
                spill = FloatSpill.in(probsOut.temporaryFile().getParent(), probsOut.target().getFileName().toString());
            }
            offsets.add(spill.size());
            spill.append(pr.data());
        }
    }

    /** Completes the files and moves them into place. */
    public void finish() throws IOException {
        labels.close();
        if (probsOut != null) {
            writeProbabilities();
        }
        labelsOut.commit();
        if (probsOut != null) {
            probsOut.commit();
        }
        finished = true;
    }

    private void writeProbabilities() throws IOException {
        long[] shape = new long[outShape.length + 1];
        shape[0] = classes;
        System.arraycopy(outShape, 0, shape, 1, outShape.length);
        try (TiffWriter w = TiffWriter.create(probsOut.temporaryFile(), "C" + outAxes, shape, PixelType.FLOAT32,
                calibration)) {
            float[] plane = new float[planeSize];
            for (int c = 0; c < classes; c++) {
                for (int t = 0; t < offsets.size(); t++) {
                    long end = t + 1 < offsets.size() ? offsets.get(t + 1) : spill.size();
                    long perClass = (end - offsets.get(t)) / classes;
                    for (long off = 0; off < perClass; off += planeSize) {
                        spill.read(offsets.get(t) + c * perClass + off, plane, planeSize);
                        w.writePlane(plane);
                    }
                }
            }
        } finally {
            if (spill != null) {
                spill.close();
                spill = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                labels.close();
            } catch (RuntimeException | IOException e) {
                // an incomplete file is deleted below anyway
            }
        }
        try {
            if (spill != null) {
                spill.close();
            }
        } finally {
            labelsOut.close();
            if (probsOut != null) {
                probsOut.close();
            }
        }
    }
}
