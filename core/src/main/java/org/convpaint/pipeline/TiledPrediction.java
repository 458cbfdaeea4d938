package org.convpaint.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.convpaint.CanceledException;
import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.classify.PixelClassifier;
import org.convpaint.features.Alignment;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.image.ImageStack;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.IntGrid;
import org.convpaint.model.ChannelMode;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.resample.SkimageResize;

/**
 * Features and classification of one timepoint, tile by tile: each tile's window of the {@link PaddedView} goes
 * through the {@link FeaturePyramid} and the classifier, and the tile's interior probabilities land on the
 * downsampled grid. Tiles run on a pool of workers, each with its own feature extractor; the classifier is shared.
 * Results are bit-identical to one whole-image tile: windows are grid-aligned and carry a halo covering every
 * dependency, and numpy resizes clip to whole-image bounds gathered in a pre-pass. Extractors with global context
 * (patched ViTs) always run as one tile.
 */
final class TiledPrediction {
    /** Images from this size on are split into tiles even when one tile would fit in memory. */
    static final long MIN_SPLIT_PIXELS = 512L * 512;
    /** Automatic tile side when memory allows more (unless the halo asks for larger tiles). */
    static final int PREFERRED_SIDE = 256;

    private TiledPrediction() {
    }

    /**
     * The configuration shared by all tiles. {@code buffers}: feature arrays that windows fill instead of allocating
     * their own (one taken per window and given back; at most one per thread remains), kept by the caller across
     * timepoints and images.
     */
    record Job(PaddedView view, ConvpaintParams params, ChannelMode mode, PixelClassifier classifier, int numFeatures,
            int[] classes, BlockingQueue<FeatureExtractor> extractors, ExecutorService pool, TileSettings tiles,
            Queue<float[]> buffers) {
    }

    /**
     * Computes every tile and puts its interior results into exactly one of the two grids.
     *
     * @param probabilities receives the class probabilities [K, Z, Hd, Wd] on the downsampled grid (in the heap, or
     *                      in a scratch file for extractors that are not patched), or null
     * @param labels        receives the argmax labels [1, Z, Hd, Wd] (in the heap, or in a scratch file for
     *                      extractors that are not patched), or null
     * @return the {min, max} of the probabilities written (as {@code SkimageResize.bounds}), null for labels
     * @throws UncheckedIOException if a grid in a scratch file cannot be written
     */
    static double[] run(Job job, DoubleGrid probabilities, IntGrid labels, ProgressMonitor monitor)
            throws ConvpaintException {
        FeatureExtractor any = job.extractors.peek();
        PaddedView v = job.view;
        int k = job.classes.length;
        int z = v.depth();
        int hd = v.height();
        int wd = v.width();
        Padding.Amounts pad = v.padding();
        if ((probabilities == null) == (labels == null)) {
            throw new IllegalArgumentException("tiles go to the probabilities or to the labels");
        }
        boolean keepProbabilities = probabilities != null;
        boolean inHeap = keepProbabilities ? probabilities.array() != null : labels.array() != null;
        if (any.patchedOutput() && !(keepProbabilities && inHeap)) {
            throw new IllegalArgumentException("the results of patched extractors go to probabilities in the heap");
        }
        ValueRange range = keepProbabilities ? new ValueRange() : null;
        if (any.patchedOutput()) {
            patched(job, probabilities.array(), range, monitor);
            return range.bounds();
        }
        List<Integer> scalings = job.params.scalings();
        int align = align(job);
        int halo = halo(job);
        long perPixel = bytesPerWindowPixel(job);
        // whole-image arrays: the source, the labels or probabilities made here, the labels made from those after
        long reserved = v.sourceBytes() + (!keepProbabilities && !inHeap ? 0 : 4L * z * hd * wd)
                + (keepProbabilities && inHeap ? 8L * k * z * hd * wd : 0)
                + (keepProbabilities ? 4L * v.sourcePixels() : 0);
        int side = job.tiles.interiorSide(perPixel, job.extractors.size() + 1, halo, align, reserved);
        if (job.tiles.tileSize() == 0 && (long) hd * wd >= MIN_SPLIT_PIXELS) {
            // tiles even when the image would fit: all workers compute features, and small windows stay in cache
            // (halo overhead ≤ 56 %: (1 + 2/8)²)
            side = Math.min(side, Padding.alignUp(Math.max(PREFERRED_SIDE, 8 * halo), align));
        }
        TilePlan plan = plan(job, side);
        double[][][] bounds = needsFeatureBounds(job, plan) ? FeatureBoundsPass.run(job, side, halo, align) : null;
        PixelClassifier compact = job.classifier.compact();
        int[] used = job.classifier.usedFeatures();
        if (plan.tiles().size() == 1 && z == 1) {
            // one window: features on this thread, the classifier's rows over the whole pool
            TilePlan.Tile t = plan.tiles().get(0);
            if (keepProbabilities) {
                double[] p = tile(job, 0, t, compact, used, bounds, true, job.buffers(), Classification::probabilities);
                store(p, t, 0, pad, k, probabilities, range);
            } else {
                store(tile(job, 0, t, compact, used, bounds, true, job.buffers(), Classification::classIndices), t, 0,
                        pad, labels, job.classes);
            }
            monitor.progress(1, "tiles");
            return keepProbabilities ? range.bounds() : null;
        }
        double[][][] clip = bounds;
        // one feature buffer per worker, reused from tile to tile
        Queue<float[]> buffers = job.buffers();
        List<Runnable> tasks = new ArrayList<>();
        for (int plane = 0; plane < z; plane++) {
            for (TilePlan.Tile t : plan.tiles()) {
                int pz = plane;
                tasks.add(() -> {
                    try {
                        if (keepProbabilities) {
                            store(tile(job, pz, t, compact, used, clip, false, buffers, Classification::probabilities),
                                    t, pz, pad, k, probabilities, range);
                        } else {
                            store(tile(job, pz, t, compact, used, clip, false, buffers, Classification::classIndices),
                                    t, pz, pad, labels, job.classes);
                        }
                    } catch (ConvpaintException e) {
                        throw new TileFailure(e);
                    }
                });
            }
        }
        runAll(job, tasks, monitor);
        return keepProbabilities ? range.bounds() : null;
    }

    /** Bytes a tile's window takes per pixel: features, normalised input, extractor work, probabilities. */
    static long bytesPerWindowPixel(Job job) {
        return 4L * job.numFeatures + 8L * 3 * job.view.channels() + 4L * 3 * 512 + 8L * job.classes.length;
    }

    /** The alignment of tiles: lcm(scalings) × patch size. */
    static int align(Job job) {
        FeatureExtractor any = job.extractors.peek();
        return Alignment.lcm(job.params.scalings()) * any.patchSize();
    }

    /** The halo of tiles: the receptive field, aligned. */
    static int halo(Job job) {
        FeatureExtractor any = job.extractors.peek();
        return TilePlan.halo(any.padding(), any.patchSize(), job.params.scalings(), align(job));
    }

    /** The tiles of interior side {@code side} over the image part of the padded grid (one when not tileable). */
    static TilePlan plan(Job job, int side) {
        FeatureExtractor any = job.extractors.peek();
        PaddedView v = job.view;
        Padding.Amounts pad = v.padding();
        return any.tileable(v.depth(), v.paddedHeight(), v.paddedWidth(), job.params.scalings())
                ? TilePlan.cover(pad.top(), pad.top() + v.height(), pad.left(), pad.left() + v.width(),
                        v.paddedHeight(), v.paddedWidth(), side, halo(job), align(job))
                : TilePlan.whole(pad.top(), pad.top() + v.height(), pad.left(), pad.left() + v.width(),
                        v.paddedHeight(), v.paddedWidth());
    }

    /** Whether tiles of {@code plan} need the whole-grid feature bounds ({@link FeatureBoundsPass}). */
    static boolean needsFeatureBounds(Job job, TilePlan plan) {
        FeatureExtractor any = job.extractors.peek();
        return plan.tiles().size() > 1 && !any.torchOutput() && job.params.order() > 0
                && job.params.scalings().stream().anyMatch(s -> s > 1);
    }

    /**
     * Features and probabilities of tile {@code t}'s interior in plane {@code z}, class-major, on the calling
     * thread; {@code bounds} from {@link FeatureBoundsPass} when {@link #needsFeatureBounds}, else null.
     */
    static double[] tileProbabilities(Job job, int z, TilePlan.Tile t, double[][][] bounds)
            throws ConvpaintException {
        return tile(job, z, t, job.classifier.compact(), job.classifier.usedFeatures(), bounds, false, null,
                Classification::probabilities);
    }

    /** As {@link #tileProbabilities}, each pixel's winning class index instead, row-major. */
    static int[] tileClassIndices(Job job, int z, TilePlan.Tile t, double[][][] bounds) throws ConvpaintException {
        return tile(job, z, t, job.classifier.compact(), job.classifier.usedFeatures(), bounds, false, null,
                Classification::classIndices);
    }

    /**
     * Features and {@code result} of one tile's interior. {@code buffers}: feature arrays to reuse (one is taken and
     * given back), or null.
     */
    private static <R> R tile(Job job, int z, TilePlan.Tile t, PixelClassifier compact, int[] used,
            double[][][] bounds, boolean parallelClassification, Queue<float[]> buffers, Classification.Region<R> result)
            throws ConvpaintException {
        FeatureExtractor fe = take(job.extractors);
        // the pool is idle while one window's features are computed: another extractor computes scalings there
        FeatureExtractor second = parallelClassification && job.pool != null ? job.extractors.poll() : null;
        try {
            ImageStack window = job.view.window(z, t.wy0(), t.wy1(), t.wx0(), t.wx1());
            FeatureStack fs = FeaturePyramid.extract(window, fe, job.params.scalings(), job.params.order(),
                    job.params.useMinFeatures(), job.mode, false, bounds,
                    new int[] {job.view.depth(), job.view.paddedHeight(), job.view.paddedWidth()},
                    buffers == null ? null : buffers.poll(),
                    second == null ? null : new FeaturePyramid.Helper(second, job.pool), ProgressMonitor.NONE);
            if (fs.features() != job.numFeatures) {
                throw new FeatureCountException(fs.features());
            }
            R p = result.of(fs, compact, used, t.y0() - t.wy0(), t.y1() - t.wy0(), t.x0() - t.wx0(),
                    t.x1() - t.wx0(), parallelClassification ? job.pool : null);
            if (buffers != null) {
                buffers.add(fs.data());
            }
            return p;
        } finally {
            job.extractors.add(fe);
            if (second != null) {
                job.extractors.add(second);
            }
        }
    }

    /** A tile's interior probabilities {@code p} (class-major) into the probabilities, their range taken in. */
    private static void store(double[] p, TilePlan.Tile t, int z, Padding.Amounts pad, int k,
            DoubleGrid probabilities, ValueRange range) {
        int rw = t.x1() - t.x0();
        int count = (t.y1() - t.y0()) * rw;
        try {
            for (int y = t.y0(); y < t.y1(); y++) {
                int src = (y - t.y0()) * rw;
                for (int c = 0; c < k; c++) {
                    probabilities.write(probabilities.shape().index(c, z, y - pad.top(), t.x0() - pad.left(), rw), p,
                            c * count + src, rw);
                    range.accept(p, c * count + src, rw);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a scratch file: " + e.getMessage(), e);
        }
    }

    /** A tile's interior class indices (row-major) into the labels, as the classes they stand for. */
    private static void store(int[] indices, TilePlan.Tile t, int z, Padding.Amounts pad, IntGrid labels,
            int[] classes) {
        int rw = t.x1() - t.x0();
        int[] row = new int[rw];
        try {
            for (int y = t.y0(); y < t.y1(); y++) {
                int src = (y - t.y0()) * rw;
                for (int x = 0; x < rw; x++) {
                    row[x] = classes[indices[src + x]];
                }
                labels.write(labels.shape().index(0, z, y - pad.top(), t.x0() - pad.left(), rw), row, 0, rw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a scratch file: " + e.getMessage(), e);
        }
    }

    /**
     * Patched extractors: the whole padded plane at once, probabilities on the patch grid ({@link #patchPlane}),
     * then unpatched into {@code out} ([K, Z, Hd, Wd]), their range taken in by {@code range}.
     */
    private static void patched(Job job, double[] out, ValueRange range, ProgressMonitor monitor)
            throws ConvpaintException {
        PaddedView v = job.view;
        int[] g = patchGrid(job);
        int gh = g[0];
        int gw = g[1];
        int k = job.classes.length;
        int z = v.depth();
        double[] grid = new double[k * z * gh * gw];
        for (int plane = 0; plane < z; plane++) {
            monitor.checkCanceled();
            double[] pr = patchPlane(job, plane);
            for (int c = 0; c < k; c++) {
                System.arraycopy(pr, c * gh * gw, grid, (c * z + plane) * gh * gw, gh * gw);
            }
            monitor.progress((plane + 1.0) / z, "features");
        }
        double[] full = SkimageResize.resize(grid, k * z, gh, gw, v.paddedHeight(), v.paddedWidth(),
                job.params.unpatchOrder(), false);
        Padding.Amounts pad = v.padding();
        int hd = v.height();
        int wd = v.width();
        int ph = v.paddedHeight();
        int pw = v.paddedWidth();
        for (int q = 0; q < k * z; q++) {
            for (int y = 0; y < hd; y++) {
                System.arraycopy(full, q * ph * pw + (y + pad.top()) * pw + pad.left(), out, (q * hd + y) * wd, wd);
            }
        }
        range.accept(out, 0, out.length);
    }

    /** The patch grid's {height, width} of a patched extractor: the padded grid over the patch size. */
    static int[] patchGrid(Job job) {
        int p = job.extractors.peek().patchSize();
        return new int[] {job.view.paddedHeight() / p, job.view.paddedWidth() / p};
    }

    /**
     * A patched extractor's class probabilities of plane {@code plane} on the patch grid, K × gh × gw, class-major:
     * features of the whole padded plane at once, classified over the pool (if any).
     */
    static double[] patchPlane(Job job, int plane) throws ConvpaintException {
        PaddedView v = job.view;
        int[] g = patchGrid(job);
        FeatureExtractor fe = take(job.extractors);
        try {
            ImageStack window = v.window(plane, 0, v.paddedHeight(), 0, v.paddedWidth());
            FeatureStack fs = FeaturePyramid.extract(window, fe, List.of(1), job.params.order(),
                    job.params.useMinFeatures(), job.mode, true, null,
                    new int[] {v.depth(), v.paddedHeight(), v.paddedWidth()}, ProgressMonitor.NONE);
            if (fs.features() != job.numFeatures) {
                throw new FeatureCountException(fs.features());
            }
            return Classification.probabilities(fs, job.classifier.compact(), job.classifier.usedFeatures(), 0, g[0],
                    0, g[1], job.pool);
        } finally {
            job.extractors.add(fe);
        }
    }

    /** Runs tasks on the pool (or inline), reporting progress and honouring cancellation. */
    static void runAll(Job job, List<Runnable> tasks, ProgressMonitor monitor) throws ConvpaintException {
        AtomicInteger done = new AtomicInteger();
        if (job.pool == null) {
            for (Runnable r : tasks) {
                monitor.checkCanceled();
                runUnwrapped(r);
                monitor.progress((double) done.incrementAndGet() / tasks.size(), "tiles");
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable r : tasks) {
            futures.add(job.pool.submit(r));
        }
        try {
            for (Future<?> f : futures) {
                try {
                    monitor.checkCanceled();
                } catch (CanceledException e) {
                    futures.forEach(x -> x.cancel(true));
                    throw e;
                }
                f.get();
                monitor.progress((double) done.incrementAndGet() / tasks.size(), "tiles");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(x -> x.cancel(true));
            throw new CanceledException();
        } catch (ExecutionException e) {
            futures.forEach(x -> x.cancel(true));
            TileFailure.rethrow(e.getCause());
        }
    }

    private static void runUnwrapped(Runnable r) throws ConvpaintException {
        try {
            r.run();
        } catch (TileFailure e) {
            throw e.failure();
        }
    }

    static FeatureExtractor take(BlockingQueue<FeatureExtractor> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a feature extractor", e);
        }
    }

    /** A pool of extractors, one per worker. */
    static BlockingQueue<FeatureExtractor> queue(List<FeatureExtractor> extractors) {
        BlockingQueue<FeatureExtractor> q = new ArrayBlockingQueue<>(extractors.size());
        q.addAll(extractors);
        return q;
    }

    /** The extractor produced a different number of features than the classifier expects. */
    static final class FeatureCountException extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        final int got;

        FeatureCountException(int got) {
            super("feature count mismatch", null);
            this.got = got;
        }
    }
}
