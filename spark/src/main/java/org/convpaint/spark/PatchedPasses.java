package org.convpaint.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.convpaint.ConvpaintException;
import org.convpaint.grid.GridShape;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrGrids;
import org.convpaint.pipeline.BlockwisePrediction;
import org.convpaint.pipeline.Normalization;
import org.convpaint.scratch.TempFiles;

/**
 * The block passes of models whose extractor sees whole planes (DINOv2 and its combos): one task per plane
 * computes the plane's probabilities on the patch grid (a work store) and their range; then bands of the
 * downsampled grid's rows are unpatched with the merged range (the clip of the one-machine resize) into the grid
 * store, or, without downsampling, straight into the class labels (and the probabilities). Stateless.
 */
final class PatchedPasses {
    private PatchedPasses() {
    }

    /** @return the ranges of the downsampled grid's probabilities written, one per band */
    static List<double[]> run(JavaSparkContext sc, Broadcast<ExecutorImages> shared, Broadcast<Normalization> bn,
            int t, BlockwisePrediction plan, JobStores stores, String grid, String classes, String probabilities)
            throws ConvpaintException, java.io.IOException {
        int side = plan.blockSide();
        GridShape patches = plan.patchGridShape();
        GridShape ps = plan.probabilityShape();
        GridShape ls = plan.labelShape();
        boolean resizes = plan.resizes();
        String patchStore = stores.work("patches", t).toString();
        ZarrArrayWriter.create(Path.of(patchStore), JobStores.gridSpec(patches.channels(), patches.depth(),
                patches.height(), patches.width(), side));
        List<Integer> planes = new ArrayList<>();
        for (int z = 0; z < patches.depth(); z++) {
            planes.add(z);
        }
        List<double[]> planeRanges = sc.parallelize(planes, planes.size()).map(z -> {
            try (ExecutorImages.Opened o = shared.value().lease()) {
                double[] pr = o.plan(t, bn.value(), side).predictPatchPlane(z);
                ZarrArrayWriter.existing(Path.of(patchStore), JobStores.gridSpec(patches.channels(), patches.depth(),
                        patches.height(), patches.width(), side)).write(new long[] {0, z, 0, 0},
                                new int[] {patches.channels(), 1, patches.height(), patches.width()}, pr);
                TaskFaults.afterWork();
                return BlockwisePrediction.range(pr);
            }
        }).collect();
        double[] patchBounds = BlockwiseJob.merge(planeRanges);
        List<Integer> bands = new ArrayList<>();
        for (int y0 = 0; y0 < ps.height(); y0 += side) {
            bands.add(y0);
        }
        List<double[]> ranges = sc.parallelize(bands, bands.size()).map(y0 -> {
            try (ExecutorImages.Opened o = shared.value().lease()) {
                BlockwisePrediction p = o.plan(t, bn.value(), side);
                int y1 = Math.min(ps.height(), y0 + side);
                int n = y1 - y0;
                double[] rows = p.unpatchRows(ZarrGrids.doubles(ZarrArray.open(Path.of(patchStore),
                        BlockwiseJob.READ_CACHE)), patchBounds, y0, y1);
                if (resizes) {
                    ZarrArrayWriter.existing(Path.of(grid), JobStores.gridSpec(ps.channels(), ps.depth(),
                            ps.height(), ps.width(), side)).write(new long[] {0, 0, y0, 0},
                                    new int[] {ps.channels(), ps.depth(), n, ps.width()}, rows);
                } else {
                    writeLabels(p, stores, ls, classes, y0, n, rows);
                    if (probabilities != null) {
                        stores.writeProbabilities(ZarrArrayWriter.existing(Path.of(probabilities),
                                stores.probabilitiesSpec(ps.channels())), ps.channels(), t, 0, ps.depth(), y0, n, 0,
                                ps.width(), rows);
                    }
                }
                TaskFaults.afterWork();
                return BlockwisePrediction.range(rows);
            }
        }).collect();
        TempFiles.deleteTree(Path.of(patchStore));
        return ranges;
    }

    /** The class labels of rows [y0, y0 + n) of every plane from their probabilities [K, Z, n, W]. */
    private static void writeLabels(BlockwisePrediction p, JobStores stores, GridShape ls, String classes, int y0,
            int n, double[] rows) throws java.io.IOException {
        int k = rows.length / (ls.depth() * n * ls.width());
        int pixels = n * ls.width();
        int[] labels = new int[ls.depth() * pixels];
        double[] plane = new double[k * pixels];
        for (int z = 0; z < ls.depth(); z++) {
            for (int c = 0; c < k; c++) {
                System.arraycopy(rows, (c * ls.depth() + z) * pixels, plane, c * pixels, pixels);
            }
            System.arraycopy(p.argmax(plane, pixels), 0, labels, z * pixels, pixels);
        }
        ZarrArrayWriter.existing(Path.of(classes), stores.labelVolumeSpec(ls.depth(), ls.height(), ls.width()))
                .write(new long[] {0, y0, 0}, new int[] {ls.depth(), n, ls.width()}, labels);
    }
}
