package org.convpaint.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffWriter;
import org.convpaint.pipeline.Probabilities;
import org.convpaint.pipeline.Segmentation;
import org.convpaint.run.TimepointSink;

/**
 * Writes the results of one input image: labels as a uint32 OME-TIFF with the input's axes minus the channel axis
 * (and its calibration), written plane by plane as timepoints arrive; optionally probabilities as a float32
 * OME-TIFF with the class axis first ({@code C} + label axes), written at the end. Both files appear atomically on
 * {@link #finish()}; closing without finishing deletes everything written. Not thread-safe.
 */
public final class PredictionWriter implements TimepointSink, AutoCloseable {
    private final AtomicOutput labelsOut;
    private final AtomicOutput probsOut;
    private final TiffWriter labels;
    private final String outAxes;
    private final long[] outShape;
    private final Calibration calibration;
    private final List<float[]> probabilityPlanes = new ArrayList<>();
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
    public void accept(int t, int[] timepointLabels, Segmentation seg) throws IOException {
        int planes = timepointLabels.length / planeSize;
        for (int p = 0; p < planes; p++) {
            labels.writePlane(timepointLabels, p * planeSize);
        }
        if (probsOut != null) {
            Probabilities pr = seg.probabilities();
            if (pr == null) {
                throw new IllegalStateException("probabilities were requested but not computed");
            }
            classes = pr.classes();
            int n = pr.pixels();
            float[] f = new float[pr.data().length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) pr.data()[i];
            }
            probabilityPlanes.add(f);
            if (f.length != classes * n) {
                throw new IllegalStateException("probability size mismatch");
            }
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
                for (float[] tp : probabilityPlanes) {
                    int perClass = tp.length / classes;
                    for (int off = 0; off < perClass; off += planeSize) {
                        System.arraycopy(tp, c * perClass + off, plane, 0, planeSize);
                        w.writePlane(plane);
                    }
                }
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
        labelsOut.close();
        if (probsOut != null) {
            probsOut.close();
        }
    }
}
