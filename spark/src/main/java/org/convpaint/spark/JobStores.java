package org.convpaint.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

import org.convpaint.image.PixelType;
import org.convpaint.io.ngff.NgffPredictionStores;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;

/**
 * Where a job's arrays are, all under the output's temporary folder (renamed into place at the end): the label
 * image's array {@code 0}, and per timepoint under {@code .work/} the class probabilities of the downsampled grid
 * ([K, Z, h, w] float64, a chunk per class and block), the class labels and the post-processed labels ([Z, H, W] uint32,
 * chunks of {@code rows} × {@code rows} per plane, so that a band of rows writes whole chunks). Every process
 * derives the same specs from the same numbers. Immutable.
 *
 * @param root       the output's temporary folder
 * @param labelAxes  the label image's axes (letters of TZYX)
 * @param labelShape its shape
 * @param rows       band height and chunk side of the labels
 * @param format     the label image's Zarr format (the work stores are v2)
 */
record JobStores(String root, String labelAxes, long[] labelShape, int rows, ZarrFormat format)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ZarrCompressor WORK = ZarrCompressor.bloscZstd(1);

    JobStores {
        labelShape = labelShape.clone();
    }

    @Override
    public long[] labelShape() {
        return labelShape.clone();
    }

    /** The label image's array. */
    Path labels() {
        return Path.of(root, "0");
    }

    /** The label image's spec: one plane deep, {@code rows} × {@code rows} chunks. */
    ZarrArraySpec labelsSpec() {
        int[] chunks = new int[labelShape.length];
        java.util.Arrays.fill(chunks, 1);
        chunks[chunks.length - 2] = (int) Math.min(rows, labelShape[labelShape.length - 2]);
        chunks[chunks.length - 1] = (int) Math.min(rows, labelShape[labelShape.length - 1]);
        return NgffPredictionStores.labelsSpec(format, labelShape, chunks);
    }

    /** A store under {@code .work} for timepoint {@code t}. */
    Path work(String name, int t) {
        return Path.of(root, ".work", name + "-t" + t);
    }

    Path work() {
        return Path.of(root, ".work");
    }

    /**
     * The grid's probabilities [K, Z, h, w], a chunk per class and block of side {@code side} (a band reading one
     * class's rows decodes that class's chunks only).
     */
    static ZarrArraySpec gridSpec(int classes, int depth, int h, int w, int side) {
        return new ZarrArraySpec(ZarrFormat.V2, new long[] {classes, depth, h, w},
                new int[] {1, 1, Math.min(side, h), Math.min(side, w)}, PixelType.FLOAT64, WORK, 0, "/");
    }

    /** Labels [Z, H, W] in chunks of {@code rows} × {@code rows}. */
    ZarrArraySpec labelVolumeSpec(int depth, int h, int w) {
        return new ZarrArraySpec(ZarrFormat.V2, new long[] {depth, h, w},
                new int[] {1, Math.min(rows, h), Math.min(rows, w)}, PixelType.UINT32, WORK, 0, "/");
    }

    /** Writes rows [y0, y0 + n) of every plane ([Z, n, W] values) of timepoint {@code t} to the labels. */
    void writeLabelRows(ZarrArrayWriter labels, int t, int depth, int y0, int n, int width, int[] values)
            throws IOException {
        Region r = region(0, t, 0, depth, y0, n, 0, width);
        labels.write(r.offset, r.size, values);
    }

    /** The probabilities' spec for {@code classes} classes: the labels' chunks, one class deep. */
    ZarrArraySpec probabilitiesSpec(int classes) {
        return NgffPredictionStores.probabilitiesSpec(classes, labelShape, labelsSpec().chunks());
    }

    /**
     * Writes the probabilities [K, zn, yn, xn] of planes [z0, z0 + zn), rows [y0, y0 + yn), columns
     * [x0, x0 + xn) of timepoint {@code t}.
     */
    void writeProbabilities(ZarrArrayWriter probabilities, int classes, int t, int z0, int zn, int y0, int yn,
            int x0, int xn, double[] values) throws IOException {
        Region r = region(classes, t, z0, zn, y0, yn, x0, xn);
        probabilities.write(r.offset, r.size, values);
    }

    /** A region of the labels (classes 0) or of the probabilities (a leading class axis of {@code classes}). */
    private Region region(int classes, int t, int z0, int zn, int y0, int yn, int x0, int xn) {
        int lead = classes > 0 ? 1 : 0;
        long[] offset = new long[labelShape.length + lead];
        int[] size = new int[labelShape.length + lead];
        if (lead == 1) {
            size[0] = classes;
        }
        for (int i = 0; i < labelAxes.length(); i++) {
            int d = i + lead;
            switch (labelAxes.charAt(i)) {
                case 'T' -> {
                    offset[d] = t;
                    size[d] = 1;
                }
                case 'Z' -> {
                    offset[d] = z0;
                    size[d] = zn;
                }
                case 'Y' -> {
                    offset[d] = y0;
                    size[d] = yn;
                }
                case 'X' -> {
                    offset[d] = x0;
                    size[d] = xn;
                }
                default -> throw new IllegalStateException("label axis " + labelAxes.charAt(i));
            }
        }
        return new Region(offset, size);
    }

    /** Where a write goes. */
    private record Region(long[] offset, int[] size) {
    }
}
