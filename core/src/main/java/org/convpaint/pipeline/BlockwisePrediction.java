package org.convpaint.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;
import org.convpaint.image.Volume;
import org.convpaint.model.ConvpaintModel;

/**
 * One timepoint predicted block by block, for processes that share the work of one image (a cluster job): every
 * process that plans the same timepoint with the same normalisation and block side gets the same blocks, and the
 * stages below, run on any subset of blocks or rows in any order, give exactly what {@link Segmenter} gives for
 * the whole timepoint.
 * <ol>
 * <li>{@link #normalization}: the timepoint's statistics (once, then shipped to every process);</li>
 * <li>{@link #featureBounds} over subsets of {@link #featureBoundsTiles()} pass tiles, merged with
 * {@link #mergeFeatureBounds} (only when {@link #featureBoundsTiles()} is not 0);</li>
 * <li>{@link #predictBlock}: a block's class probabilities on the downsampled grid (a block is a tile interior of
 * side {@link #blockSide()} in one plane; blocks start at multiples of the side, so they are the chunks of a
 * store of that chunk size), with their {min, max} for the restoration's clip;</li>
 * <li>{@link #restoreRows}: labels of input rows from the grid rows {@link #gridRowsFor} names (when
 * {@link #resizes()}; else {@link #argmax} of the block gives the labels);</li>
 * <li>{@link #smoothRows}: majority smoothing of rows from the label rows within {@link #smoothingRadius()}.</li>
 * </ol>
 * Models whose extractor sees the whole plane (patched ViTs: {@link #patched()}) have one block per plane
 * instead: {@link #predictPatchPlane} gives a plane's probabilities on the patch grid, and {@link #unpatchRows}
 * resizes rows of those (clipped to the merged range of all planes', as the one-machine resize does) to rows of
 * the downsampled grid. Not thread-safe (it owns the extractors while computing; the work inside a call is spread
 * over the pool).
 */
public final class BlockwisePrediction {
    /** A block: rows [y0, y1) × columns [x0, x1) of plane z of the downsampled grid. */
    public record Block(int z, int y0, int y1, int x0, int x1) {
        /** Pixels of the block. */
        public int pixels() {
            return (y1 - y0) * (x1 - x0);
        }
    }

    private final ConvpaintModel model;
    private final TimepointSetup setup;
    private final TilePlan plan;
    private final int side;
    private final int boundsTiles;

    private BlockwisePrediction(ConvpaintModel model, TimepointSetup setup, int side) {
        this.model = model;
        this.setup = setup;
        this.side = Math.max(TiledPrediction.align(setup.job()), Padding.alignUp(side, TiledPrediction.align(
                setup.job())));
        this.plan = TiledPrediction.plan(setup.job(), this.side);
        this.boundsTiles = TiledPrediction.needsFeatureBounds(setup.job(), plan)
                ? FeatureBoundsPass.count(setup.job(), this.side, TiledPrediction.halo(setup.job()),
                        TiledPrediction.align(setup.job()))
                : 0;
    }

    /** The timepoint's normalisation, as {@link Segmenter} computes it (reads every pixel of {@code volume}). */
    public static Normalization normalization(ConvpaintModel model, FeatureExtractor fe, Volume volume) {
        return TimepointSetup.of(model, List.of(fe), null, TileSettings.automatic(), volume, null,
                new ConcurrentLinkedQueue<>()).norm();
    }

    /**
     * @param extractors    one feature extractor per worker (at least one)
     * @param pool          executor with as many threads as extractors, or null to run on the calling thread
     * @param volume        the timepoint (its pixels may be read on demand: only the rows blocks need are read)
     * @param normalization the timepoint's {@link #normalization}
     * @param blockSide     the block side on the downsampled grid (rounded up to the tiles' alignment); for
     *                      patched extractors, the rows {@link #unpatchRows} is given at a time
     */
    public static BlockwisePrediction plan(ConvpaintModel model, List<FeatureExtractor> extractors,
            ExecutorService pool, Volume volume, Normalization normalization, int blockSide)
            throws InvalidInputException {
        if (blockSide < 1) {
            throw new IllegalArgumentException("block side " + blockSide);
        }
        TimepointSetup s = TimepointSetup.of(model, extractors, pool, new TileSettings(blockSide, 0), volume,
                normalization, new ConcurrentLinkedQueue<>());
        return new BlockwisePrediction(model, s, blockSide);
    }

    /** The class probabilities on the downsampled grid: [K, Z, h, w]. */
    public GridShape probabilityShape() {
        return new GridShape(model.classes().length, setup.input().depth(), setup.down()[0], setup.down()[1]);
    }

    /** The labels: [1, Z, H, W], the input's size. */
    public GridShape labelShape() {
        return GridShape.of(setup.input().depth(), setup.input().height(), setup.input().width());
    }

    /** Whether the grid's probabilities are resized to the input size ({@link #restoreRows}). */
    public boolean resizes() {
        return setup.resize();
    }

    /** The side of blocks (the last row and column of blocks may be smaller). */
    public int blockSide() {
        return side;
    }

    /**
     * The block side that lets one task's features and probabilities fit in {@code taskBytes} of memory (half of
     * it for the block's window with its halo), as the one-machine tiles are sized; at least the alignment.
     */
    public int sideFor(long taskBytes) {
        TiledPrediction.Job job = setup.job();
        long perPixel = TiledPrediction.bytesPerWindowPixel(job);
        return new TileSettings(0, Math.max(1, taskBytes / 2)).interiorSide(perPixel, 1, TiledPrediction.halo(job),
                TiledPrediction.align(job), 0);
    }

    /** The number of blocks: planes × blocks per plane. */
    public int blockCount() {
        return setup.input().depth() * plan.tiles().size();
    }

    /** Block {@code b} (plane-major: b = z × blocks per plane + index in the plane, in raster order). */
    public Block block(int b) {
        int per = plan.tiles().size();
        if (b < 0 || b >= blockCount()) {
            throw new IndexOutOfBoundsException("block " + b + " of " + blockCount());
        }
        TilePlan.Tile t = plan.tiles().get(b % per);
        Padding.Amounts pad = setup.job().view().padding();
        return new Block(b / per, t.y0() - pad.top(), t.y1() - pad.top(), t.x0() - pad.left(), t.x1() - pad.left());
    }

    /** The number of pass tiles {@link #featureBounds} takes subsets of; 0 when no bounds are needed. */
    public int featureBoundsTiles() {
        return boundsTiles;
    }

    /** The feature bounds over the pass tiles {@code tiles} (indices below {@link #featureBoundsTiles()}). */
    public double[][][] featureBounds(int[] tiles) throws ConvpaintException {
        TiledPrediction.Job job = setup.job();
        return FeatureBoundsPass.partial(job, side, TiledPrediction.halo(job), TiledPrediction.align(job), tiles);
    }

    /** Merges the {@link #featureBounds} of subsets that together cover every pass tile once. */
    public static double[][][] mergeFeatureBounds(List<double[][][]> partials) {
        return FeatureBoundsPass.merge(partials);
    }

    /**
     * The class probabilities of block {@code b}, class-major: K × rows × columns of the block.
     *
     * @param featureBounds the merged {@link #featureBounds}, or null when {@link #featureBoundsTiles()} is 0
     * @throws InvalidInputException if the image's channels do not give the model's features
     */
    public double[] predictBlock(int b, double[][][] featureBounds) throws ConvpaintException {
        checkBounds(featureBounds);
        int per = plan.tiles().size();
        TiledPrediction.Job job = setup.job();
        try {
            return TiledPrediction.tileProbabilities(job, b / per, plan.tiles().get(b % per), featureBounds);
        } catch (TiledPrediction.FeatureCountException e) {
            throw Segmenter.featureMismatch(model, job.extractors().peek(), e.got, setup.input().channels(),
                    setup.prep().channelMode());
        }
    }

    /**
     * The labels (the model's class values) of block {@code b}, row-major: {@link #argmax} of
     * {@link #predictBlock}, which the classifier may settle without evaluating every tree
     * ({@link org.convpaint.classify.PixelClassifier#bindClassIndices}). For when the labels need no restoration
     * ({@code !}{@link #resizes()}) and the probabilities are not wanted.
     */
    public int[] predictBlockLabels(int b, double[][][] featureBounds) throws ConvpaintException {
        checkBounds(featureBounds);
        int per = plan.tiles().size();
        TiledPrediction.Job job = setup.job();
        int[] labels;
        try {
            labels = TiledPrediction.tileClassIndices(job, b / per, plan.tiles().get(b % per), featureBounds);
        } catch (TiledPrediction.FeatureCountException e) {
            throw Segmenter.featureMismatch(model, job.extractors().peek(), e.got, setup.input().channels(),
                    setup.prep().channelMode());
        }
        int[] classes = model.classes();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes[labels[i]];
        }
        return labels;
    }

    private void checkBounds(double[][][] featureBounds) {
        if ((featureBounds == null) != (boundsTiles == 0)) {
            throw new IllegalArgumentException(boundsTiles == 0 ? "no feature bounds are needed"
                    : "the feature bounds of all " + boundsTiles + " pass tiles are needed");
        }
    }

    /** The {min, max} of {@code probabilities} as the restoration clips to them; merge blocks' with min and max. */
    public static double[] range(double[] probabilities) {
        ValueRange r = new ValueRange();
        r.accept(probabilities, 0, probabilities.length);
        return r.bounds();
    }

    /** The labels (the model's class values) of a block's class-major {@code probabilities} of {@code pixels}. */
    public int[] argmax(double[] probabilities, int pixels) {
        int[] classes = model.classes();
        int[] labels = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            labels[i] = classes[LabelAssignment.argmaxAt(probabilities, classes.length, pixels, i)];
        }
        return labels;
    }

    /** The grid rows [g0, g1) that input rows [y0, y1) are restored from. */
    public int[] gridRowsFor(int y0, int y1) {
        return ProbabilityRestoration.gridRows(setup.down()[0], setup.input().height(), y0, y1);
    }

    /**
     * Labels of input rows [y0, y1) of every plane into {@code out} ([1, Z, H, W]; only those rows are written).
     *
     * @param onGrid the probabilities ({@link #probabilityShape()}); only rows {@link #gridRowsFor} are read
     * @param bounds the {min, max} of all the grid's probabilities (merged {@link #range}s; NaN, NaN if any is NaN)
     */
    public void restoreRows(DoubleGrid onGrid, double[] bounds, IntGrid out, int y0, int y1) throws IOException {
        ProbabilityRestoration.labelsAtInputSize(onGrid, bounds, model.classes(), out, y0, y1);
    }

    /**
     * The class probabilities of input rows [y0, y1) of every plane, [K, Z, y1 − y0, W], as {@link Segmenter}
     * returns them with the labels (when {@link #resizes()}; else the grid's are the input's).
     *
     * @param onGrid the probabilities ({@link #probabilityShape()}); only rows {@link #gridRowsFor} are read
     * @param bounds the {min, max} of all the grid's probabilities (merged {@link #range}s)
     */
    public double[] restoreProbabilityRows(DoubleGrid onGrid, double[] bounds, int y0, int y1) throws IOException {
        GridShape l = labelShape();
        return ProbabilityRestoration.probabilitiesAtInputSize(onGrid, bounds, l.height(), l.width(), y0, y1);
    }

    /** The smoothing radius; rows within it of the rows smoothed are read. 0 or 1: no smoothing. */
    public int smoothingRadius() {
        return model.params().segSmoothening();
    }

    /** Majority smoothing of rows [y0, y1) of every plane from {@code in} into {@code out} (both [1, Z, H, W]). */
    public void smoothRows(IntGrid in, IntGrid out, int y0, int y1) throws IOException {
        MajoritySmoothing.apply(in, out, smoothingRadius(), MajoritySmoothing.BAND_ROWS, y0, y1);
    }

    /** Whether the extractor sees whole planes: blocks are planes, computed by {@link #predictPatchPlane}. */
    public boolean patched() {
        return setup.job().extractors().peek().patchedOutput();
    }

    /** The probabilities on the patch grid of a {@link #patched()} extractor: [K, Z, gh, gw]. */
    public GridShape patchGridShape() {
        int[] g = TiledPrediction.patchGrid(setup.job());
        return new GridShape(model.classes().length, setup.input().depth(), g[0], g[1]);
    }

    /** Plane {@code z}'s probabilities on the patch grid, K × gh × gw, class-major ({@link #patched()} only). */
    public double[] predictPatchPlane(int z) throws ConvpaintException {
        TiledPrediction.Job job = setup.job();
        try {
            return TiledPrediction.patchPlane(job, z);
        } catch (TiledPrediction.FeatureCountException e) {
            throw Segmenter.featureMismatch(model, job.extractors().peek(), e.got, setup.input().channels(),
                    setup.prep().channelMode());
        }
    }

    /**
     * Rows [y0, y1) of the downsampled grid's probabilities of every plane, [K, Z, y1 − y0, w], from the patch
     * grid's probabilities ({@link #patched()} only): resized to the padded grid with the model's unpatch order,
     * clipped to {@code patchBounds}, and cropped.
     *
     * @param patchGrid   all planes' {@link #predictPatchPlane} ({@link #patchGridShape()}); only the rows these
     *                    output rows interpolate from are read
     * @param patchBounds the {min, max} of all of them (merged {@link #range}s)
     */
    public double[] unpatchRows(DoubleGrid patchGrid, double[] patchBounds, int y0, int y1) throws IOException {
        PaddedView v = setup.job().view();
        Padding.Amounts pad = v.padding();
        GridShape g = patchGrid.shape();
        int k = g.channels();
        int order = setup.job().params().unpatchOrder();
        int rows = y1 - y0;
        int ph = v.paddedHeight();
        int pw = v.paddedWidth();
        int wd = v.width();
        int[] src = org.convpaint.resample.SkimageResize.sourceRows(g.height(), ph, order, y0 + pad.top(),
                y1 + pad.top());
        int n = src[1] - src[0];
        double[] band = new double[k * n * g.width()];
        double[] padded = new double[k * rows * pw];
        double[] out = new double[k * g.depth() * rows * wd];
        for (int z = 0; z < g.depth(); z++) {
            for (int c = 0; c < k; c++) {
                patchGrid.readRows(c, z, src[0], src[1], band, c * n * g.width());
            }
            org.convpaint.resample.SkimageResize.resizeRows(band, k, src[0], n, g.height(), g.width(), ph, pw, order,
                    patchBounds[0], patchBounds[1], y0 + pad.top(), y1 + pad.top(), padded, 0);
            for (int c = 0; c < k; c++) {
                for (int y = 0; y < rows; y++) {
                    System.arraycopy(padded, (c * rows + y) * pw + pad.left(), out,
                            ((c * g.depth() + z) * rows + y) * wd, wd);
                }
            }
        }
        return out;
    }

    /** The warnings convpaint would give for this input. */
    public List<String> warnings() {
        return setup.prep().warnings();
    }
}
