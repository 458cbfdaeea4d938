package org.convpaint.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.image.LabelVolume;
import org.convpaint.image.PixelData;
import org.convpaint.image.ScratchScope;
import org.convpaint.image.SourceStack;
import org.convpaint.image.Volume;
import org.convpaint.model.ChannelMode;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.scratch.ScratchErrors;

/**
 * convpaint's {@code segment} for one timepoint: input preparation, normalisation (statistics over the whole
 * timepoint), then features and classification tile by tile on the downsampled, padded grid
 * ({@link TiledPrediction}), then restoration to the input size, argmax and smoothing. When only labels are wanted
 * (and the extractor is not patched), a downsampled grid's probabilities and the labels that would take much of
 * the heap ({@link StoragePolicy}) go to scratch files, and the later stages run on bands of rows; the
 * result does not depend on that, nor on the tile size. Not thread-safe (it owns the extractors while running);
 * the work inside is spread over the pool, one extractor per worker.
 */
public final class Segmenter {
    private final ConvpaintModel model;
    private final List<FeatureExtractor> extractors;
    private final ExecutorService pool;
    private final TileSettings tiles;
    private final StoragePolicy storage;

    /**
     * @param model      the model, with the parameters to run (e.g. a caller's image_downsample already applied)
     * @param extractors one feature extractor per worker (at least one)
     * @param pool       executor with as many threads as extractors, or null to run on the calling thread
     * @param tiles      tile size policy
     * @param storage    what goes to disk
     */
    public Segmenter(ConvpaintModel model, List<FeatureExtractor> extractors, ExecutorService pool,
            TileSettings tiles, StoragePolicy storage) {
        if (extractors.isEmpty()) {
            throw new IllegalArgumentException("at least one feature extractor is needed");
        }
        this.model = model;
        this.extractors = List.copyOf(extractors);
        this.pool = pool;
        this.tiles = tiles;
        this.storage = storage;
    }

    /** A segmenter running everything on the calling thread with automatic tiles. */
    public Segmenter(ConvpaintModel model, FeatureExtractor extractor) {
        this(model, List.of(extractor), null, TileSettings.automatic(), StoragePolicy.automatic());
    }

    public ConvpaintModel model() {
        return model;
    }

    /**
     * @param volume            one timepoint
     * @param withProbabilities also return the class probabilities
     * @param scope             owns the scratch files made (labels of large timepoints among them): the result's
     *                          labels are valid until it closes
     */
    public Segmentation segment(Volume volume, boolean withProbabilities, ScratchScope scope,
            ProgressMonitor monitor) throws ConvpaintException {
        try {
            return run(volume, withProbabilities, scope, monitor);
        } catch (PixelData.ReadFailure e) {
            // pixels read on demand (a large image left in its file) could not be read
            throw e.failure();
        }
    }

    private Segmentation run(Volume volume, boolean withProbabilities, ScratchScope scope, ProgressMonitor monitor)
            throws ConvpaintException {
        ConvpaintParams p = model.params();
        FeatureExtractor fe = extractors.get(0);
        StageClock clock = new StageClock();
        InputPreparation.Prepared prep = InputPreparation.prepare(volume, p.channelMode());
        SourceStack in = prep.stack();
        monitor.progress(0, "normalize");
        Normalization norm = Normalization.of(in, p.normalize(), fe.normMode(), prep.channelMode());
        int k = p.imageDownsample();
        int[] down = PaddedView.downsampledSize(in.height(), in.width(), k);
        List<Integer> scalings = fe.patchedOutput() ? List.of(1) : p.scalings();
        Padding.Amounts pad = Padding.amounts(fe.padding(), fe.patchSize(), scalings, down[0], down[1]);
        PaddedView view = new PaddedView(in, norm, k, pad);
        clock.lap("prepare");
        boolean resize = k < -1 || k > 1;
        BlockingQueue<FeatureExtractor> queue = TiledPrediction.queue(extractors);
        TiledPrediction.Job job = new TiledPrediction.Job(view, p.withScalings(scalings), prep.channelMode(),
                model.classifier(), model.numFeatures(), model.classes(), queue, pool, tiles);
        // labels only, from tiles: the grid's probabilities and the labels may go to scratch files
        boolean streamed = !withProbabilities && !fe.patchedOutput();
        boolean labelsOnDisk = streamed && storage.labelsOnDisk((long) in.depth() * in.height() * in.width());
        if (resize && streamed && (labelsOnDisk
                || storage.gridOnDisk(model.classes().length, (long) in.depth() * down[0] * down[1]))) {
            return spilled(prep, job, down, labelsOnDisk, scope, clock, monitor);
        }
        if (labelsOnDisk) {
            LabelVolume labels = scratchLabels(in, scope);
            try {
                TiledPrediction.run(job, false, null, labels, new SubMonitor(monitor, 0.02, 0.95));
                clock.lap("features+classify");
            } catch (TiledPrediction.FeatureCountException e) {
                throw featureMismatch(e.got, in.channels(), prep.channelMode());
            } catch (UncheckedIOException e) {
                throw ScratchErrors.cannotUse(scope.folder(), e.getCause());
            }
            return finish(prep, labels, null, scope, clock, monitor);
        }
        TiledPrediction.Result r;
        try {
            r = TiledPrediction.run(job, resize || withProbabilities, new SubMonitor(monitor, 0.02, 0.95));
        } catch (TiledPrediction.FeatureCountException e) {
            throw featureMismatch(e.got, in.channels(), prep.channelMode());
        }
        clock.lap("features+classify");
        LabelVolume labels;
        Probabilities restored = null;
        if (r.probabilities() != null) {
            Probabilities onGrid = new Probabilities(model.classes().length, in.depth(), down[0], down[1],
                    r.probabilities());
            if (resize && !withProbabilities) {
                labels = LabelVolume.zeros(in.depth(), in.height(), in.width());
                try {
                    ProbabilityRestoration.labelsAtInputSize(onGrid, model.classes(), labels);
                } catch (IOException e) {
                    throw new UncheckedIOException("probabilities in memory cannot fail to be read", e);
                }
            } else {
                restored = resize ? ProbabilityRestoration.toInputSize(onGrid, in.height(), in.width()) : onGrid;
                labels = LabelVolume.of(LabelAssignment.argmax(restored, model.classes()), in.depth(), in.height(),
                        in.width());
            }
        } else {
            labels = r.labels();
        }
        return finish(prep, labels, withProbabilities ? restored : null, scope, clock, monitor);
    }

    /** Smoothing (band by band, into a volume where the labels are: heap or scratch file), then the result. */
    private Segmentation finish(InputPreparation.Prepared prep, LabelVolume labels, Probabilities probabilities,
            ScratchScope scope, StageClock clock, ProgressMonitor monitor) throws ConvpaintException {
        SourceStack in = prep.stack();
        int radius = model.params().segSmoothening();
        LabelVolume smoothed = labels;
        if (radius > 1) {
            try {
                smoothed = scope.sibling(labels);
                MajoritySmoothing.apply(labels, smoothed, radius, MajoritySmoothing.BAND_ROWS);
                scope.release(labels);
            } catch (IOException e) {
                throw ScratchErrors.cannotUse(scope.folder(), e);
            }
        }
        clock.lap("restore+labels");
        monitor.progress(1, "done");
        return new Segmentation(prep.hasZ() ? "ZYX" : "YX", in.depth(), in.height(), in.width(), smoothed,
                probabilities, prep.warnings(), clock.laps());
    }

    /**
     * Labels at input size through grid probabilities kept in a scratch file (downsampled runs without
     * probabilities whose grid or labels would take much of the heap); the labels too go to a scratch file if
     * {@code labelsOnDisk}.
     */
    private Segmentation spilled(InputPreparation.Prepared prep, TiledPrediction.Job job, int[] down,
            boolean labelsOnDisk, ScratchScope scope, StageClock clock, ProgressMonitor monitor)
            throws ConvpaintException {
        SourceStack in = prep.stack();
        Path folder = scope.folder();
        SpilledProbabilities grid;
        try {
            grid = SpilledProbabilities.create(model.classes().length, in.depth(), down[0], down[1], folder);
        } catch (IOException e) {
            throw ScratchErrors.cannotCreate("the class probabilities", folder, e);
        }
        LabelVolume labels;
        try {
            scope.own(grid);
            TiledPrediction.run(job, true, grid, null, new SubMonitor(monitor, 0.02, 0.95));
            clock.lap("features+classify");
            labels = labelsOnDisk ? scratchLabels(in, scope)
                    : LabelVolume.zeros(in.depth(), in.height(), in.width());
            ProbabilityRestoration.labelsAtInputSize(grid, model.classes(), labels);
            scope.release(grid);
        } catch (TiledPrediction.FeatureCountException e) {
            throw featureMismatch(e.got, in.channels(), prep.channelMode());
        } catch (IOException e) {
            throw ScratchErrors.cannotUse(folder, e);
        } catch (UncheckedIOException e) {
            throw ScratchErrors.cannotUse(folder, e.getCause());
        }
        return finish(prep, labels, null, scope, clock, monitor);
    }

    /** A scratch file for labels of the timepoint's size, owned by {@code scope}. */
    private static LabelVolume scratchLabels(SourceStack in, ScratchScope scope) throws ConvpaintException {
        try {
            return scope.labelsOnDisk(in.depth(), in.height(), in.width());
        } catch (IOException e) {
            throw ScratchErrors.cannotCreate("the labels", scope.folder(), e);
        }
    }

    private InvalidInputException featureMismatch(int got, int channels, ChannelMode mode) {
        int perChannel = model.params().scalings().size() * extractors.get(0).featuresPerSeries();
        String hint;
        if (mode != ChannelMode.RGB && perChannel > 0 && model.numFeatures() % perChannel == 0) {
            int expected = model.numFeatures() / perChannel;
            hint = "the model was trained on " + expected + " channel" + (expected == 1 ? "" : "s")
                    + " but the image has " + channels;
        } else {
            hint = "the image's channels do not fit the model (channel mode " + mode.pythonName() + ")";
        }
        return new InvalidInputException(hint + ": it yields " + got + " features where the classifier expects "
                + model.numFeatures(), null);
    }
}
