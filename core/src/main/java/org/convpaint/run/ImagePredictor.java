package org.convpaint.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.features.WeightsLocator;
import org.convpaint.image.ImageSource;
import org.convpaint.grid.GridScope;
import org.convpaint.grid.IntGrid;
import org.convpaint.image.Volume;
import org.convpaint.io.TimepointSink;
import org.convpaint.model.ChannelMode;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.Segmentation;
import org.convpaint.pipeline.Segmenter;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.postprocess.BackgroundRemoval;
import org.convpaint.postprocess.InstanceLabeling;
import org.convpaint.scratch.ScratchErrors;

/**
 * A model ready to run: the model and its feature extractor are loaded once and reused for every image and
 * timepoint. Each timepoint is segmented independently (normalisation statistics per timepoint, as napari-tmidas
 * does), then post-processed (background label → 0, optional instance labelling per timepoint) and handed to a
 * sink. A timepoint whose pixels would take more than the spill size of the {@link StoragePolicy} (a quarter of the
 * heap by default) is left in its source and read in bands of rows as the pipeline needs them; labels that would
 * exceed it are kept in scratch files and post-processed a band of rows at a time. Not thread-safe;
 * {@link #close()} releases the extractor's native memory and the worker threads.
 */
public final class ImagePredictor implements AutoCloseable {
    private final ConvpaintModel model;
    private final List<FeatureExtractor> extractors;
    private final FeatureExtractor extractor;
    private final PredictionOptions options;
    private final ExecutorService pool;
    private final Segmenter segmenter;
    /** Images announced by {@link #expectImages}, told to the segmenter at the next image. */
    private long expectedImages;

    ImagePredictor(ConvpaintModel model, List<FeatureExtractor> extractors, PredictionOptions options) {
        this.model = options.imageDownsample() == null ? model
                : model.withParams(model.params().withImageDownsample(options.imageDownsample()));
        this.extractors = List.copyOf(extractors);
        this.extractor = extractors.get(0);
        this.options = options;
        this.pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "convpaint-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        this.segmenter = new Segmenter(this.model, this.extractors, pool, options.tiles(), options.storage());
    }

    /**
     * Loads the model and its feature extractor.
     *
     * @param warn receives warnings (legacy-file notes, GPU fallback)
     */
    public static ImagePredictor open(Path modelFile, WeightsLocator weights, PredictionOptions options,
            Consumer<String> warn) throws ConvpaintException {
        ConvpaintModel model = ModelLoader.load(modelFile);
        try {
            model.notes().forEach(warn);
            List<FeatureExtractor> fes = FeatureExtractors.createAll(model, weights, options.forceCpu(), warn,
                    options.threads());
            return new ImagePredictor(model, fes, options);
        } catch (ConvpaintException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public ConvpaintModel model() {
        return model;
    }

    public PredictionOptions options() {
        return options;
    }

    /**
     * A hint: about {@code images} images like the next one are to be predicted (the next one included), e.g. the
     * files of a folder or the rows of a table. The classifier may then prepare for a long run (a forest compiles
     * its trees from the first image on); results never depend on it.
     */
    public void expectImages(long images) {
        expectedImages = images;
    }

    /** Channels one image must have for this model: 1, 3 (rgb) or the trained channel count (multi). */
    public int modelChannels() {
        return modelChannels(model, extractor);
    }

    /** {@link #modelChannels()} of {@code model} with its extractor {@code extractor}. */
    static int modelChannels(ConvpaintModel model, FeatureExtractor extractor) {
        ChannelMode mode = model.params().channelMode();
        if (mode == ChannelMode.SINGLE) {
            return 1;
        }
        if (mode == ChannelMode.RGB) {
            return 3;
        }
        int perChannel = model.params().scalings().size() * extractor.featuresPerSeries();
        return perChannel > 0 ? Math.max(1, model.numFeatures() / perChannel) : 1;
    }

    /**
     * Segments every timepoint of {@code image} and passes the results to {@code sink} in order.
     *
     * @param channels channel indices to use (for multi/rgb models), or a single index for single-channel models
     *                 on multi-channel images; null for all channels
     */
    public void predict(ImageSource image, List<Integer> channels, TimepointSink sink, ProgressMonitor monitor)
            throws ConvpaintException, IOException {
        TimepointReader reader = new TimepointReader(image, channels, model.params().channelMode(), modelChannels());
        int frames = reader.timepoints();
        if (expectedImages > 0 && frames > 0) {
            segmenter.expectTimepoints(expectedImages > Long.MAX_VALUE / frames ? Long.MAX_VALUE
                    : expectedImages * frames);
            expectedImages = 0;
        }
        for (int t = 0; t < frames; t++) {
            monitor.checkCanceled();
            int frame = t;
            ProgressMonitor sub = new ProgressMonitor() {
                @Override
                public void progress(double fraction, String stage) {
                    monitor.progress((frame + fraction) / frames, stage);
                }

                @Override
                public void checkCanceled() throws org.convpaint.CanceledException {
                    monitor.checkCanceled();
                }
            };
            long start = System.nanoTime();
            Volume frameImage = reader.read(t, options.storage()
                    .pixelCacheBytes(reader.timepointValues(), image.pixelType()));
            long read = System.nanoTime();
            // every scratch file of the timepoint is deleted when it is done, written or failed
            try (GridScope scope = new GridScope(options.storage().scratchFolder())) {
                Segmentation seg = segmenter.segment(frameImage, options.probabilities(), scope, sub);
                frameImage = null; // the pixels are not needed for post-processing and writing
                long segmented = System.nanoTime();
                // post-processed in place of the class labels, which are not kept (one label grid per timepoint)
                IntGrid labels = postProcess(seg.labels(), scope);
                seg = seg.withLabels(labels).withStages(Map.of("read", (read - start) / 1e9),
                        Map.of("post-process", (System.nanoTime() - segmented) / 1e9));
                sink.accept(t, labels, seg);
            }
        }
    }

    /**
     * Background label → 0, then instance labels if asked for, band by band into a grid where the labels are
     * (heap or a scratch file of {@code scope}; the class labels' file is freed once they are replaced).
     */
    private IntGrid postProcess(IntGrid semantic, GridScope scope) throws ConvpaintException {
        try {
            BackgroundRemoval.apply(semantic, options.backgroundLabel());
            if (options.outputType() != OutputType.INSTANCE) {
                return semantic;
            }
            IntGrid instances;
            try {
                instances = scope.sibling(semantic);
            } catch (IOException e) {
                throw ScratchErrors.cannotCreate("the instance labels", scope.folder(), e);
            }
            InstanceLabeling.label(semantic, instances);
            scope.release(semantic);
            return instances;
        } catch (IOException e) {
            throw ScratchErrors.cannotUse(scope.folder(), e);
        }
    }

    /** Throws a clear error if {@code image} cannot be used with this model's channels. */
    public void checkChannels(ImageSource image, List<Integer> channels) throws InvalidInputException {
        new TimepointReader(image, channels, model.params().channelMode(), modelChannels());
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        extractors.forEach(FeatureExtractor::close);
        model.close();
    }
}
