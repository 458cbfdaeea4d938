package org.convpaint.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridScope;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;
import org.convpaint.image.PixelData;
import org.convpaint.image.SourceStack;
import org.convpaint.image.Volume;
import org.convpaint.model.ChannelMode;
import org.convpaint.model.ConvpaintModel;
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
     * Feature arrays kept from one image to the next (at most one per thread, each as large as the largest window
     * so far): a run over many images then neither allocates nor clears tens of megabytes per image.
     */
    private final Queue<float[]> featureBuffers = new ConcurrentLinkedQueue<>();
    /** Timepoints announced by {@link #expectTimepoints}, told to the classifier at the next one. */
    private long expectedTimepoints;

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
     * A hint: about {@code timepoints} timepoints like the next one are to be segmented (the next one included).
     * At the next one the classifier is told how many pixels that makes ({@link PixelClassifier#expect}), so that
     * it can prepare for a long run; results never depend on it.
     */
    public void expectTimepoints(long timepoints) {
        expectedTimepoints = timepoints;
    }

    /**
     * @param volume            one timepoint
     * @param withProbabilities also return the class probabilities
     * @param scope             owns the scratch files made (labels of large timepoints among them): the result's
     *                          labels are valid until it closes
     */
    public Segmentation segment(Volume volume, boolean withProbabilities, GridScope scope,
            ProgressMonitor monitor) throws ConvpaintException {
        try {
            return run(volume, withProbabilities, scope, monitor);
        } catch (PixelData.ReadFailure e) {
            // pixels read on demand (a large image left in its file) could not be read
            throw e.failure();
        }
    }

    private Segmentation run(Volume volume, boolean withProbabilities, GridScope scope, ProgressMonitor monitor)
            throws ConvpaintException {
        FeatureExtractor fe = extractors.get(0);
        StageClock clock = new StageClock();
        monitor.progress(0, "normalize");
        TimepointSetup setup = TimepointSetup.of(model, extractors, pool, tiles, volume, null, featureBuffers);
        InputPreparation.Prepared prep = setup.prep();
        SourceStack in = setup.input();
        int[] down = setup.down();
        boolean resize = setup.resize();
        TiledPrediction.Job job = setup.job();
        clock.lap("prepare");
        int classes = model.classes().length;
        GridShape inputShape = GridShape.of(in.depth(), in.height(), in.width());
        GridShape gridShape = new GridShape(classes, in.depth(), down[0], down[1]);
        if (expectedTimepoints > 0) {
            long pixels = gridShape.size() / classes;
            job.classifier().compact().expect(pixels > Long.MAX_VALUE / expectedTimepoints ? Long.MAX_VALUE
                    : expectedTimepoints * pixels);
            expectedTimepoints = 0;
        }
        // labels only, from tiles: the grid's probabilities and the labels may go to scratch files
        boolean streamed = !withProbabilities && !fe.patchedOutput();
        boolean labelsOnDisk = streamed && storage.labelsOnDisk(inputShape.size());
        boolean gridOnDisk = resize && streamed
                && (labelsOnDisk || storage.gridOnDisk(classes, gridShape.size() / classes));
        IntGrid labels;
        DoubleGrid restored = null;
        try {
            if (!resize && streamed) {
                labels = labelsOnDisk ? scratch(scope, "the labels", () -> scope.labelsOnDisk(inputShape))
                        : IntArrayGrid.zeros(inputShape);
                TiledPrediction.run(job, null, labels, new SubMonitor(monitor, 0.02, 0.95));
                clock.lap("features+classify");
            } else {
                DoubleGrid onGrid = gridOnDisk
                        ? scratch(scope, "the class probabilities", () -> scope.probabilitiesOnDisk(gridShape))
                        : DoubleArrayGrid.zeros(gridShape);
                double[] bounds = TiledPrediction.run(job, onGrid, null, new SubMonitor(monitor, 0.02, 0.95));
                clock.lap("features+classify");
                if (resize && !withProbabilities) {
                    labels = labelsOnDisk ? scratch(scope, "the labels", () -> scope.labelsOnDisk(inputShape))
                            : IntArrayGrid.zeros(inputShape);
                    ProbabilityRestoration.labelsAtInputSize(onGrid, bounds, model.classes(), labels);
                    scope.release(onGrid);
                } else {
                    DoubleGrid full = resize
                            ? ProbabilityRestoration.toInputSize(onGrid, in.height(), in.width()) : onGrid;
                    labels = IntArrayGrid.of(LabelAssignment.argmax(full, model.classes()), inputShape);
                    restored = withProbabilities ? full : null;
                }
            }
        } catch (TiledPrediction.FeatureCountException e) {
            throw featureMismatch(model, fe, e.got, in.channels(), prep.channelMode());
        } catch (IOException e) {
            throw ScratchErrors.cannotUse(scope.folder(), e);
        } catch (UncheckedIOException e) {
            throw ScratchErrors.cannotUse(scope.folder(), e.getCause());
        }
        return finish(prep, labels, restored, scope, clock, monitor);
    }

    /** Smoothing (band by band, into a grid where the labels are: heap or scratch file), then the result. */
    private Segmentation finish(InputPreparation.Prepared prep, IntGrid labels, DoubleGrid probabilities,
            GridScope scope, StageClock clock, ProgressMonitor monitor) throws ConvpaintException {
        SourceStack in = prep.stack();
        int radius = model.params().segSmoothening();
        IntGrid smoothed = labels;
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

    /** Makes a scratch grid, reporting a failure as one that cannot create a scratch file for {@code what}. */
    private static <T> T scratch(GridScope scope, String what, ScratchMaker<T> maker) throws ConvpaintException {
        try {
            return maker.make();
        } catch (IOException e) {
            throw ScratchErrors.cannotCreate(what, scope.folder(), e);
        }
    }

    private interface ScratchMaker<T> {
        T make() throws IOException;
    }

    /** The error for an image whose channels give {@code got} features where the model expects others. */
    static InvalidInputException featureMismatch(ConvpaintModel model, FeatureExtractor fe, int got, int channels,
            ChannelMode mode) {
        int perChannel = model.params().scalings().size() * fe.featuresPerSeries();
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
