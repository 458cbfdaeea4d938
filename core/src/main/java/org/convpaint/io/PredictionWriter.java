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

/**
 * Writes the results of one input image: labels as a uint32 OME-TIFF with the input's axes minus the channel axis,
 * in the input's order (and its calibration); optionally probabilities as a float32 OME-TIFF with the class axis
 * first ({@code C} + label axes). Timepoints arrive in T order; when T is the outermost label axis (or absent) the
 * labels are written plane by plane as they arrive (labels in a scratch file a strip of rows at a time), else
 * (e.g. {@code ZTYX}, where a timepoint's planes are not contiguous in the file) they collect in a scratch file and
 * are written in the file's plane order at the end. Probabilities always collect in a scratch file (so memory
 * does not grow with the number of timepoints) and are written at the end in the file's plane order. Both files
 * appear atomically on {@link #finish()}; closing without finishing deletes everything written. Not thread-safe.
 */
public final class PredictionWriter implements PredictionOutput {
    private final AtomicOutput labelsOut;
    private final AtomicOutput probsOut;
    private final TiffWriter labels;
    private final String outAxes;
    private final long[] outShape;
    private final Calibration calibration;
    /** Probabilities of the timepoints so far, on disk: timepoint t's [K, Z, Y, X] floats from offsets[t]. */
    private ValueSpill spill;
    private final List<Long> offsets = new ArrayList<>();
    /** Labels of the timepoints so far when they cannot be written as they arrive: [T, Z, Y, X] uint32. */
    private ValueSpill labelSpill;
    private final boolean reorder;
    private final int planeSize;
    private final int timepoints;
    private final int depth;
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
        int t = outAxes.indexOf('T');
        int z = outAxes.indexOf('Z');
        this.timepoints = t < 0 ? 1 : (int) outShape[t];
        this.depth = z < 0 ? 1 : (int) outShape[z];
        this.reorder = t > 0 && timepoints > 1 && depth > 1;
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
        LabelShape out = LabelShape.of(inputAxes, inputShape);
        long[] s = out.shape();
        AtomicOutput lo = AtomicOutput.to(labelsFile);
        AtomicOutput po = null;
        try {
            po = probsFile == null ? null : AtomicOutput.to(probsFile);
            TiffWriter w = TiffWriter.create(lo.temporaryFile(), out.axes(), s, PixelType.UINT32, calibration);
            return new PredictionWriter(lo, po, w, out.axes(), s, calibration);
        } catch (IOException | RuntimeException e) {
            lo.close();
            if (po != null) {
                po.close();
            }
            throw e;
        }
    }

    @Override
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
        if (timepointLabels.depth() != depth) {
            throw new IllegalStateException(timepointLabels.depth() + " planes for a timepoint of " + depth);
        }
        for (int p = 0; p < depth; p++) {
            if (reorder) {
                spillPlane(timepointLabels, p);
            } else if (timepointLabels.inMemory()) {
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
                spill = ValueSpill.in(probsOut.temporaryFile().getParent(), probsOut.target().getFileName().toString());
            }
            offsets.add(spill.size());
            spill.appendFloats(pr.data());
        }
    }

    /** Appends plane {@code p} of a timepoint's labels to the label spill, a band of rows at a time. */
    private void spillPlane(LabelVolume v, int p) throws IOException {
        if (labelSpill == null) {
            labelSpill = ValueSpill.in(labelsOut.temporaryFile().getParent(),
                    labelsOut.target().getFileName().toString());
        }
        if (v.inMemory()) {
            labelSpill.appendInts(v.array(), p * planeSize, planeSize);
            return;
        }
        int width = v.width();
        int rows = Math.max(1, Math.min(v.height(), (1 << 20) / width));
        int[] band = new int[rows * width];
        for (int y = 0; y < v.height(); y += rows) {
            int n = Math.min(rows, v.height() - y) * width;
            v.read(p, y, 0, band, 0, n);
            labelSpill.appendInts(band, 0, n);
        }
    }

    /**
     * Position of file plane {@code k} (C order over the label axes' leading letters) in timepoint order: the
     * timepoint times {@code depth} plus the Z index.
     */
    private long timepointOrder(int k) {
        if (!reorder) {
            return k;
        }
        int z = k / timepoints;
        int t = k % timepoints;
        return (long) t * depth + z;
    }

    private void writeSpilledLabels() throws IOException {
        int width = (int) outShape[outShape.length - 1];
        for (int k = 0; k < timepoints * depth; k++) {
            long at = timepointOrder(k) * planeSize;
            labels.writePlane((y0, y1, dst) -> labelSpill.readInts(at + (long) y0 * width, dst, 0,
                    (y1 - y0) * width));
        }
    }

    @Override
    public void finish() throws IOException {
        if (reorder) {
            try {
                writeSpilledLabels();
            } finally {
                closeLabelSpill();
            }
        }
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
            long perClass = (long) depth * planeSize;
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k < timepoints * depth; k++) {
                    long pos = timepointOrder(k);
                    int t = (int) (pos / depth);
                    int z = (int) (pos % depth);
                    spill.readFloats(offsets.get(t) + c * perClass + (long) z * planeSize, plane, planeSize);
                    w.writePlane(plane);
                }
            }
        } finally {
            if (spill != null) {
                spill.close();
                spill = null;
            }
        }
    }

    private void closeLabelSpill() throws IOException {
        if (labelSpill != null) {
            ValueSpill s = labelSpill;
            labelSpill = null;
            s.close();
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
            closeLabelSpill();
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
