package org.convpaint.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.convpaint.ConvpaintException;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntBandGrid;
import org.convpaint.io.AtomicFolder;
import org.convpaint.io.LabelShape;
import org.convpaint.io.ngff.LabelTarget;
import org.convpaint.io.ngff.NgffPredictionStores;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrGrids;
import org.convpaint.pipeline.BlockwisePrediction;
import org.convpaint.pipeline.Normalization;
import org.convpaint.postprocess.BackgroundRemoval;
import org.convpaint.postprocess.BandComponents;
import org.convpaint.postprocess.InstanceNumbering;
import org.convpaint.run.BlockwiseImage;
import org.convpaint.scratch.TempFiles;

/**
 * The driver's side of the job: for each timepoint, passes over the executors, each a Spark job of independent
 * tasks whose results are either small values collected here or whole chunks written to stores under the
 * output's temporary folder:
 * <ol>
 * <li>the normalisation statistics ({@link Prepass}), combined here in numpy's order;</li>
 * <li>the feature bounds over tiles, when multi-scale features are resized;</li>
 * <li>blocks: a block's class probabilities (a chunk of the grid store) and their range, or, without resizing,
 * its labels;</li>
 * <li>bands of rows: restoration to the input size (when downsampled);</li>
 * <li>bands: majority smoothing and background removal, into the label image (or, for instance labels, a store
 * the last passes read);</li>
 * <li>instance labels: each band's components collected, joined across bands here, then bands relabelled.</li>
 * </ol>
 * A task writes only whole chunks, each atomically, the same bytes on every attempt, so retried and speculative
 * tasks change nothing; the label image appears under its name only when every timepoint is written. Not
 * thread-safe.
 */
final class BlockwiseJob {
    /** Decoded chunks a task keeps while it reads a store. */
    static final long READ_CACHE = 64L << 20;
    /** Rows of a statistics task when the block side is chosen later. */
    private static final int PREPASS_ROWS = 512;

    private final JavaSparkContext sc;
    private final JobSettings settings;
    private final PrintStream log;

    BlockwiseJob(JavaSparkContext sc, JobSettings settings, PrintStream log) {
        this.sc = sc;
        this.settings = settings;
        this.log = log;
    }

    /**
     * What a finished job did.
     *
     * @param axes       the label image's axes
     * @param shape      its shape
     * @param side       the block side used
     * @param timepoints timepoints predicted
     * @param warnings   what convpaint would have warned about
     */
    record Outcome(String axes, long[] shape, int side, int timepoints, List<String> warnings) {
    }

    /** Runs the job; the output exists when this returns, and nothing of it when it throws. */
    Outcome run() throws Exception {
        long start = System.nanoTime();
        try (BlockwiseImage image = ExecutorImages.open(settings)) {
            LabelShape shape = image.labelShape();
            Broadcast<ExecutorImages> shared = sc.broadcast(new ExecutorImages(settings));
            LabelTarget target = settings.intoInput()
                    ? LabelTarget.intoImage(Path.of(settings.input()), image.zarrFormat())
                    : LabelTarget.standalone(Path.of(settings.output()), Path.of(settings.input()));
            try (AtomicFolder folder = AtomicFolder.to(target.store());
                    AtomicFolder probsFolder = settings.probabilities() == null ? null
                            : AtomicFolder.to(Path.of(settings.probabilities()))) {
                JobStores stores = null;
                String probabilities = null;
                List<String> warnings = new ArrayList<>();
                int side = settings.block();
                for (int t = 0; t < image.timepoints(); t++) {
                    Normalization norm = Prepass.normalization(sc, image, shared, t,
                            side > 0 ? side : PREPASS_ROWS);
                    if (side == 0) {
                        long bytes = taskBytes(sc);
                        side = image.plan(t, norm, PREPASS_ROWS).sideFor(bytes);
                        log.printf(Locale.ROOT, "blocks of %d px (%d MB of memory per task)%n", side, bytes >> 20);
                    }
                    BlockwisePrediction plan = image.plan(t, norm, side);
                    side = plan.blockSide();
                    if (stores == null) {
                        stores = new JobStores(folder.temporaryFolder().toString(), shape.axes(), shape.shape(),
                                plan.blockSide(), target.format());
                        NgffPredictionStores.create(folder.temporaryFolder(), stores.labelsSpec(), shape.axes(),
                                image.calibration(), target.sourceImage());
                        if (probsFolder != null) {
                            probabilities = probsFolder.temporaryFolder().resolve("0").toString();
                            NgffPredictionStores.createProbabilities(probsFolder.temporaryFolder(),
                                    stores.probabilitiesSpec(plan.probabilityShape().channels()), shape.axes(),
                                    image.calibration());
                        }
                    }
                    timepoint(t, plan, norm, stores, shared, probabilities);
                    plan.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
                    log.printf(Locale.ROOT, "timepoint %d of %d done (%.1f s)%n", t + 1, image.timepoints(),
                            (System.nanoTime() - start) / 1e9);
                }
                TempFiles.deleteTree(stores.work());
                folder.commit();
                NgffPredictionStores.listInLabelsGroup(target);
                if (probsFolder != null) {
                    probsFolder.commit();
                }
                return new Outcome(shape.axes(), shape.shape(), side, image.timepoints(), warnings);
            }
        }
    }

    /**
     * Memory one task may use: the driver's heap shared by the local cores in local mode, else
     * {@code spark.executor.memory} shared by {@code spark.executor.cores}.
     */
    static long taskBytes(JavaSparkContext sc) {
        if (sc.isLocal()) {
            return Runtime.getRuntime().maxMemory() / Math.max(1, sc.defaultParallelism());
        }
        long memory = sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
        return memory / Math.max(1, sc.getConf().getInt("spark.executor.cores", 1));
    }

    /** @param probabilities the probabilities' array, or null */
    private void timepoint(int t, BlockwisePrediction plan, Normalization norm, JobStores stores,
            Broadcast<ExecutorImages> shared, String probabilities) throws ConvpaintException, java.io.IOException {
        Broadcast<Normalization> bn = sc.broadcast(norm);
        int side = plan.blockSide();
        double[][][] featureBounds = null;
        if (plan.featureBoundsTiles() > 0) {
            List<int[]> groups = groups(plan.featureBoundsTiles(), sc.defaultParallelism() * 4);
            List<double[][][]> parts = sc.parallelize(groups, groups.size()).map(g -> {
                try (ExecutorImages.Opened o = shared.value().lease()) {
                    return o.plan(t, bn.value(), side).featureBounds(g);
                }
            }).collect();
            featureBounds = BlockwisePrediction.mergeFeatureBounds(parts);
        }
        Broadcast<double[][][][]> bounds = sc.broadcast(new double[][][][] {featureBounds});
        GridShape ps = plan.probabilityShape();
        GridShape ls = plan.labelShape();
        boolean resizes = plan.resizes();
        String grid = stores.work("probabilities", t).toString();
        String classes = stores.work("classes", t).toString();
        try {
            if (resizes) {
                ZarrArrayWriter.create(Path.of(grid), JobStores.gridSpec(ps.channels(), ps.depth(), ps.height(),
                        ps.width(), side));
            }
            ZarrArrayWriter.create(Path.of(classes), stores.labelVolumeSpec(ls.depth(), ls.height(), ls.width()));
        } catch (java.io.IOException e) {
            throw new ConvpaintException("cannot create the job's stores under " + stores.root() + ": "
                    + e.getMessage(), Path.of(stores.root()), e);
        }
        List<double[]> ranges = plan.patched()
                ? PatchedPasses.run(sc, shared, bn, t, plan, stores, grid, classes, probabilities)
                : blocks(t, plan, stores, shared, bn, bounds, grid, classes, probabilities);
        List<Integer> bands = new ArrayList<>();
        for (int y0 = 0; y0 < ls.height(); y0 += stores.rows()) {
            bands.add(y0);
        }
        int rowsPerBand = stores.rows();
        if (resizes) {
            double[] clip = merge(ranges);
            sc.parallelize(bands, bands.size()).foreach(y0 -> {
                try (ExecutorImages.Opened o = shared.value().lease()) {
                    int y1 = Math.min(ls.height(), y0 + rowsPerBand);
                    IntBandGrid out = new IntBandGrid(ls, y0, y1);
                    BlockwisePrediction p = o.plan(t, bn.value(), side);
                    org.convpaint.grid.DoubleGrid view = ZarrGrids.doubles(ZarrArray.open(Path.of(grid), READ_CACHE));
                    p.restoreRows(view, clip, out, y0, y1);
                    if (probabilities != null) {
                        stores.writeProbabilities(ZarrArrayWriter.existing(Path.of(probabilities),
                                stores.probabilitiesSpec(ps.channels())), ps.channels(), t, 0, ls.depth(), y0,
                                y1 - y0, 0, ls.width(), p.restoreProbabilityRows(view, clip, y0, y1));
                    }
                    ZarrArrayWriter.existing(Path.of(classes), stores.labelVolumeSpec(ls.depth(), ls.height(),
                            ls.width())).write(new long[] {0, y0, 0}, new int[] {ls.depth(), y1 - y0, ls.width()},
                                    out.band());
                    TaskFaults.afterWork();
                }
            });
        }
        PostProcessing.run(sc, shared, bn, t, side, stores, ls, bands, classes);
        // the timepoint's work stores are not needed any more: disk use is one timepoint's
        for (String name : new String[] {"probabilities", "classes", "semantic"}) {
            TempFiles.deleteTree(stores.work(name, t));
        }
    }

    /** The blocks pass: each block's probabilities into the grid store (with their range), or its labels. */
    private List<double[]> blocks(int t, BlockwisePrediction plan, JobStores stores,
            Broadcast<ExecutorImages> shared, Broadcast<Normalization> bn, Broadcast<double[][][][]> bounds,
            String grid, String classes, String probabilities) {
        int side = plan.blockSide();
        GridShape ps = plan.probabilityShape();
        GridShape ls = plan.labelShape();
        boolean resizes = plan.resizes();
        List<Integer> blocks = new ArrayList<>();
        for (int b = 0; b < plan.blockCount(); b++) {
            blocks.add(b);
        }
        return sc.parallelize(blocks, blocks.size()).map(b -> {
            try (ExecutorImages.Opened o = shared.value().lease()) {
                BlockwisePrediction p = o.plan(t, bn.value(), side);
                BlockwisePrediction.Block blk = p.block(b);
                int rows = blk.y1() - blk.y0();
                int cols = blk.x1() - blk.x0();
                if (!resizes && probabilities == null) {
                    // the labels alone: the classifier may stop a pixel's trees once its class is settled
                    ZarrArrayWriter.existing(Path.of(classes), stores.labelVolumeSpec(ls.depth(), ls.height(),
                            ls.width())).write(new long[] {blk.z(), blk.y0(), blk.x0()}, new int[] {1, rows, cols},
                                    p.predictBlockLabels(b, bounds.value()[0]));
                    TaskFaults.afterWork();
                    return new double[0];
                }
                double[] pr = p.predictBlock(b, bounds.value()[0]);
                if (resizes) {
                    ZarrArrayWriter.existing(Path.of(grid), JobStores.gridSpec(ps.channels(), ps.depth(),
                            ps.height(), ps.width(), side)).write(new long[] {0, blk.z(), blk.y0(), blk.x0()},
                                    new int[] {ps.channels(), 1, rows, cols}, pr);
                    TaskFaults.afterWork();
                    return BlockwisePrediction.range(pr);
                }
                ZarrArrayWriter.existing(Path.of(classes), stores.labelVolumeSpec(ls.depth(), ls.height(),
                        ls.width())).write(new long[] {blk.z(), blk.y0(), blk.x0()}, new int[] {1, rows, cols},
                                p.argmax(pr, blk.pixels()));
                if (probabilities != null) {
                    stores.writeProbabilities(ZarrArrayWriter.existing(Path.of(probabilities),
                            stores.probabilitiesSpec(ps.channels())), ps.channels(), t, blk.z(), 1, blk.y0(), rows,
                            blk.x0(), cols, pr);
                }
                TaskFaults.afterWork();
                return new double[0];
            }
        }).collect();
    }

    /** The {min, max} of all blocks' ranges; NaN, NaN if any block's is. */
    static double[] merge(List<double[]> ranges) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : ranges) {
            if (Double.isNaN(r[0])) {
                return new double[] {Double.NaN, Double.NaN};
            }
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        return new double[] {lo, hi};
    }

    /** Indices [0, n) in at most {@code parts} contiguous groups. */
    static List<int[]> groups(int n, int parts) {
        int k = Math.max(1, Math.min(n, parts));
        List<int[]> out = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            int from = (int) ((long) n * g / k);
            int to = (int) ((long) n * (g + 1) / k);
            int[] ids = new int[to - from];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = from + i;
            }
            out.add(ids);
        }
        return out;
    }

    /** Smoothing, background removal and instance labels, band by band. */
    private static final class PostProcessing {
        private PostProcessing() {
        }

        static void run(JavaSparkContext sc, Broadcast<ExecutorImages> shared, Broadcast<Normalization> bn, int t,
                int side, JobStores stores, GridShape ls, List<Integer> bands, String classes) {
            int rowsPerBand = stores.rows();
            JobSettings s = shared.value().settings();
            String semantic = stores.work("semantic", t).toString();
            if (s.instance()) {
                try {
                    ZarrArrayWriter.create(Path.of(semantic), stores.labelVolumeSpec(ls.depth(), ls.height(),
                            ls.width()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            sc.parallelize(bands, bands.size()).foreach(y0 -> {
                try (ExecutorImages.Opened o = shared.value().lease()) {
                    int y1 = Math.min(ls.height(), y0 + rowsPerBand);
                    IntBandGrid out = new IntBandGrid(ls, y0, y1);
                    o.plan(t, bn.value(), side).smoothRows(
                            ZarrGrids.ints(ZarrArray.open(Path.of(classes), READ_CACHE)), out, y0, y1);
                    BackgroundRemoval.apply(out.band(), s.background());
                    if (s.instance()) {
                        ZarrArrayWriter.existing(Path.of(semantic), stores.labelVolumeSpec(ls.depth(), ls.height(),
                                ls.width())).write(new long[] {0, y0, 0},
                                        new int[] {ls.depth(), y1 - y0, ls.width()}, out.band());
                    } else {
                        stores.writeLabelRows(ZarrArrayWriter.existing(stores.labels(), stores.labelsSpec()), t,
                                ls.depth(), y0, y1 - y0, ls.width(), out.band());
                    }
                    TaskFaults.afterWork();
                }
            });
            if (!s.instance()) {
                return;
            }
            List<BandComponents> parts = sc.parallelize(bands, bands.size()).map(y0 -> BandComponents.of(
                    ZarrGrids.ints(ZarrArray.open(Path.of(semantic), READ_CACHE)), y0,
                    Math.min(ls.height(), y0 + rowsPerBand))).collect();
            Broadcast<InstanceNumbering> numbering = sc.broadcast(InstanceNumbering.resolve(parts));
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < bands.size(); i++) {
                indices.add(i);
            }
            sc.parallelize(indices, indices.size()).foreach(i -> {
                InstanceNumbering n = numbering.value();
                IntBandGrid out = new IntBandGrid(ls, n.rowStart(i), n.rowEnd(i));
                n.relabel(ZarrGrids.ints(ZarrArray.open(Path.of(semantic), READ_CACHE)), i, out);
                stores.writeLabelRows(ZarrArrayWriter.existing(stores.labels(), stores.labelsSpec()), t, ls.depth(),
                        n.rowStart(i), n.rowEnd(i) - n.rowStart(i), ls.width(), out.band());
                TaskFaults.afterWork();
            });
        }
    }
}
