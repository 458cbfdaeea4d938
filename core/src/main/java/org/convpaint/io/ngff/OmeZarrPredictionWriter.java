package org.convpaint.io.ngff;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;
import org.convpaint.image.Calibration;
import org.convpaint.io.AtomicFolder;
import org.convpaint.io.LabelShape;
import org.convpaint.io.PredictionOutput;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.pipeline.Segmentation;

/**
 * Writes the results of one input image as OME-Zarr: labels as a one-level NGFF label image (uint32, the input's
 * axes minus {@code C} in the input's order, its scale; chunks one plane deep and {@code planeChunks} in Y and X;
 * blosc-zstd, bit-shuffled), optionally probabilities as an NGFF image (float32, {@code C} first). Chunks are
 * written as each timepoint arrives, a row of chunks at a time (its chunks compressed in parallel), so no image is
 * held whole. Every store is built under a hidden temporary
 * name and renamed into place on {@link #finish()} (then, for labels inside an input store, the {@code labels}
 * group lists it); closing without finishing deletes everything written. Not thread-safe.
 */
public final class OmeZarrPredictionWriter implements PredictionOutput {

    private final LabelTarget target;
    private final AtomicFolder labelsOut;
    private final AtomicFolder probsOut;
    private final ZarrArrayWriter labels;
    private final String outAxes;
    private final long[] outShape;
    private final int[] chunks;
    private final Calibration calibration;
    private ZarrArrayWriter probabilities;
    /** Each writing thread's chunk of labels, reused (chunks are several MB). */
    private final ThreadLocal<int[]> intBuffer;
    /** Each writing thread's chunk of probabilities, reused. */
    private final ThreadLocal<double[]> doubleBuffer;

    private OmeZarrPredictionWriter(LabelTarget target, AtomicFolder labelsOut, AtomicFolder probsOut,
            ZarrArrayWriter labels, String outAxes, long[] outShape, int[] chunks, Calibration calibration) {
        this.target = target;
        this.labelsOut = labelsOut;
        this.probsOut = probsOut;
        this.labels = labels;
        this.outAxes = outAxes;
        this.outShape = outShape;
        this.chunks = chunks;
        this.calibration = calibration;
        int chunkPixels = chunks[chunks.length - 2] * chunks[chunks.length - 1];
        this.intBuffer = ThreadLocal.withInitial(() -> new int[chunkPixels]);
        this.doubleBuffer = ThreadLocal.withInitial(() -> new double[chunkPixels]);
    }

    /**
     * @param target      where the labels go
     * @param probsStore  store for the probabilities (NGFF 0.4 on Zarr v2), or null
     * @param inputAxes   axes of the input image (T, Z, C, Y, X letters)
     * @param inputShape  its shape
     * @param calibration carried into the outputs' scales and units
     * @param planeChunks chunk height and width (clipped to the image)
     */
    public static OmeZarrPredictionWriter open(LabelTarget target, Path probsStore, String inputAxes,
            int[] inputShape, Calibration calibration, int[] planeChunks) throws IOException {
        LabelShape out = LabelShape.of(inputAxes, inputShape);
        String axes = out.axes();
        long[] s = out.shape();
        int[] chunks = new int[s.length];
        java.util.Arrays.fill(chunks, 1);
        chunks[s.length - 2] = (int) Math.max(1, Math.min(planeChunks[0], s[s.length - 2]));
        chunks[s.length - 1] = (int) Math.max(1, Math.min(planeChunks[1], s[s.length - 1]));
        AtomicFolder lo = AtomicFolder.to(target.store());
        AtomicFolder po = null;
        try {
            po = probsStore == null ? null : AtomicFolder.to(probsStore);
            ZarrArrayWriter w = NgffPredictionStores.create(lo.temporaryFolder(),
                    NgffPredictionStores.labelsSpec(target.format(), s, chunks), axes, calibration, target.sourceImage());
            return new OmeZarrPredictionWriter(target, lo, po, w, axes, s, chunks, calibration);
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

    @Override
    public void accept(int t, IntGrid timepointLabels, Segmentation seg) throws IOException {
        int tAxis = outAxes.indexOf('T');
        int zAxis = outAxes.indexOf('Z');
        int depth = zAxis < 0 ? 1 : (int) outShape[zAxis];
        GridShape s = timepointLabels.shape();
        int h = (int) outShape[outShape.length - 2];
        int w = (int) outShape[outShape.length - 1];
        if (!s.equals(GridShape.of(depth, h, w))) {
            throw new IllegalStateException("labels of " + s + " for an output of "
                    + java.util.Arrays.toString(outShape));
        }
        long[] at = new long[outShape.length];
        for (int z = 0; z < depth; z++) {
            if (tAxis >= 0) {
                at[tAxis] = t;
            }
            if (zAxis >= 0) {
                at[zAxis] = z;
            }
            int plane = z;
            writePlane(labels, at, (y, x, dst, off, n) -> timepointLabels.read(s.index(0, plane, y, x, n), dst, off,
                    n));
        }
        if (probsOut != null) {
            writeProbabilities(t, seg.probabilities(), tAxis, zAxis, depth);
        }
    }

    private void writeProbabilities(int t, DoubleGrid pr, int tAxis, int zAxis, int depth) throws IOException {
        if (pr == null) {
            throw new IllegalStateException("probabilities were requested but not computed");
        }
        if (probabilities == null) {
            probabilities = NgffPredictionStores.createProbabilities(probsOut.temporaryFolder(),
                    NgffPredictionStores.probabilitiesSpec(pr.shape().channels(), outShape, chunks), outAxes,
                    calibration);
        }
        int h = (int) outShape[outShape.length - 2];
        int w = (int) outShape[outShape.length - 1];
        double[] data = pr.array();
        long[] at = new long[outShape.length + 1];
        for (int k = 0; k < pr.shape().channels(); k++) {
            for (int z = 0; z < depth; z++) {
                at[0] = k;
                if (tAxis >= 0) {
                    at[tAxis + 1] = t;
                }
                if (zAxis >= 0) {
                    at[zAxis + 1] = z;
                }
                long base = ((long) k * depth + z) * h * w;
                writeDoublePlane(probabilities, at, data, base);
            }
        }
    }

    /** Reads {@code n} consecutive values of a row segment starting at (y, x). */
    private interface RowReader {
        void read(int y, int x, int[] dst, int off, int n) throws IOException;
    }

    /**
     * Writes one plane at leading position {@code at} (Y and X ignored), chunk by chunk; the chunks of a row of
     * chunks are converted and compressed in parallel (distinct chunks, as the array writer allows).
     */
    private void writePlane(ZarrArrayWriter array, long[] at, RowReader rows) throws IOException {
        forEachChunk((y0, x0, rowsHere, colsHere) -> {
            int[] ints = intBuffer.get();
            for (int r = 0; r < rowsHere; r++) {
                rows.read(y0 + r, x0, ints, r * colsHere, colsHere);
            }
            array.write(region(at, y0, x0), size(at.length, rowsHere, colsHere), ints);
        });
    }

    /** Writes the H×W plane of {@code data} starting at {@code base} at leading position {@code at}. */
    private void writeDoublePlane(ZarrArrayWriter array, long[] at, double[] data, long base) throws IOException {
        int w = (int) outShape[outShape.length - 1];
        forEachChunk((y0, x0, rowsHere, colsHere) -> {
            double[] values = doubleBuffer.get();
            for (int r = 0; r < rowsHere; r++) {
                System.arraycopy(data, (int) (base + (long) (y0 + r) * w + x0), values, r * colsHere, colsHere);
            }
            array.write(region(at, y0, x0), size(at.length, rowsHere, colsHere), values);
        });
    }

    private static long[] region(long[] at, int y0, int x0) {
        long[] offset = at.clone();
        offset[at.length - 2] = y0;
        offset[at.length - 1] = x0;
        return offset;
    }

    private static int[] size(int rank, int rows, int cols) {
        int[] size = new int[rank];
        java.util.Arrays.fill(size, 1);
        size[rank - 2] = rows;
        size[rank - 1] = cols;
        return size;
    }

    /** Work on the chunk at rows [y0, y0 + rows) and columns [x0, x0 + cols) of a plane. */
    private interface ChunkWork {
        void run(int y0, int x0, int rows, int cols) throws IOException;
    }

    /** Runs {@code work} for every chunk of a plane, a row of chunks at a time, the chunks of a row in parallel. */
    private void forEachChunk(ChunkWork work) throws IOException {
        int h = (int) outShape[outShape.length - 2];
        int w = (int) outShape[outShape.length - 1];
        int ch = chunks[chunks.length - 2];
        int cw = chunks[chunks.length - 1];
        int across = (w + cw - 1) / cw;
        for (int y0 = 0; y0 < h; y0 += ch) {
            int top = y0;
            int rowsHere = Math.min(ch, h - y0);
            try {
                java.util.stream.IntStream.range(0, across).parallel().forEach(i -> {
                    int x0 = i * cw;
                    try {
                        work.run(top, x0, rowsHere, Math.min(cw, w - x0));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public void finish() throws IOException {
        labelsOut.commit();
        if (probsOut != null) {
            probsOut.commit();
        }
        NgffPredictionStores.listInLabelsGroup(target);
    }

    @Override
    public void close() throws IOException {
        try {
            labelsOut.close();
        } finally {
            if (probsOut != null) {
                probsOut.close();
            }
        }
    }
}
