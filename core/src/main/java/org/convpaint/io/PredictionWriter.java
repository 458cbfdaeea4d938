package org.convpaint.io;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.DoubleScratchGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;
import org.convpaint.grid.IntScratchGrid;
import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffWriter;
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
    /** Values copied at a time between a grid and a spill. */
    private static final int CHUNK = 1 << 18;
    private final AtomicOutput labelsOut;
    private final AtomicOutput probsOut;
    private final TiffWriter labels;
    private final String outAxes;
    private final long[] outShape;
    private final Calibration calibration;
    /** Probabilities of the timepoints so far, on disk in float32: class c of timepoint t is channel t·K + c. */
    private DoubleGrid spill;
    /** Labels of the timepoints so far when they cannot be written as they arrive: timepoint t is channel t. */
    private IntGrid labelSpill;
    private final boolean reorder;
    private final int planeSize;
    private final int timepoints;
    private final int depth;
    private int classes;
    private int accepted;
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
    public void accept(int t, IntGrid timepointLabels, Segmentation seg) throws IOException {
        GridShape s = timepointLabels.shape();
        int width = s.width();
        if (s.planeSize() != planeSize || s.depth() != depth || s.channels() != 1) {
            throw new IllegalStateException("labels of " + s + " for planes of " + planeSize + " pixels and "
                    + depth + " planes per timepoint");
        }
        if (t != accepted || t >= timepoints) {
            throw new IllegalStateException("timepoint " + t + " after " + accepted + " of " + timepoints);
        }
        for (int p = 0; p < depth; p++) {
            int plane = p;
            if (reorder) {
                spillPlane(timepointLabels, t, p);
            } else {
                labels.writePlane((y0, y1, dst) -> timepointLabels.readRows(0, plane, y0, y1, dst, 0));
            }
        }
        if (probsOut != null) {
            spillProbabilities(t, seg.probabilities());
        }
        accepted++;
    }

    /** Keeps timepoint {@code t}'s probabilities in the float32 spill, a plane at a time. */
    private void spillProbabilities(int t, DoubleGrid pr) throws IOException {
        if (pr == null) {
            throw new IllegalStateException("probabilities were requested but not computed");
        }
        GridShape ps = pr.shape();
        if (ps.depth() != depth || ps.planeSize() != planeSize || (spill != null && ps.channels() != classes)) {
            throw new IllegalStateException("probabilities of " + ps + " for labels of " + depth + " planes of "
                    + planeSize + " pixels" + (spill != null ? " and " + classes + " classes" : ""));
        }
        if (spill == null) {
            classes = ps.channels();
            spill = DoubleScratchGrid.create(new GridShape(timepoints * classes, depth, ps.height(), ps.width()),
                    DoubleScratchGrid.Precision.FLOAT32, probsOut.temporaryFile().getParent(),
                    probsOut.target().getFileName().toString());
        }
        long base = (long) t * classes * depth * planeSize;
        double[] chunk = new double[(int) Math.min(CHUNK, ps.size())];
        for (long at = 0; at < ps.size(); at += chunk.length) {
            int n = (int) Math.min(chunk.length, ps.size() - at);
            pr.read(at, chunk, 0, n);
            spill.write(base + at, chunk, 0, n);
        }
    }

    /** Keeps plane {@code p} of timepoint {@code t}'s labels in the label spill, a band of rows at a time. */
    private void spillPlane(IntGrid v, int t, int p) throws IOException {
        GridShape s = v.shape();
        if (labelSpill == null) {
            labelSpill = IntScratchGrid.create(new GridShape(timepoints, depth, s.height(), s.width()),
                    labelsOut.temporaryFile().getParent(), labelsOut.target().getFileName().toString());
        }
        int rows = Math.max(1, Math.min(s.height(), (1 << 20) / s.width()));
        int[] band = new int[rows * s.width()];
        for (int y = 0; y < s.height(); y += rows) {
            int y1 = Math.min(s.height(), y + rows);
            v.readRows(0, p, y, y1, band, 0);
            labelSpill.writeRows(t, p, y, y1, band, 0);
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
        for (int k = 0; k < timepoints * depth; k++) {
            long pos = timepointOrder(k);
            int t = (int) (pos / depth);
            int z = (int) (pos % depth);
            labels.writePlane((y0, y1, dst) -> labelSpill.readRows(t, z, y0, y1, dst, 0));
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
            double[] chunk = new double[Math.min(CHUNK, planeSize)];
            float[] plane = new float[planeSize];
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k < timepoints * depth; k++) {
                    long pos = timepointOrder(k);
                    int t = (int) (pos / depth);
                    int z = (int) (pos % depth);
                    long at = ((long) (t * classes + c) * depth + z) * planeSize;
                    for (int i0 = 0; i0 < planeSize; i0 += chunk.length) {
                        int n = Math.min(chunk.length, planeSize - i0);
                        spill.read(at + i0, chunk, 0, n);
                        for (int i = 0; i < n; i++) {
                            plane[i0 + i] = (float) chunk[i];
                        }
                    }
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
            IntGrid s = labelSpill;
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
