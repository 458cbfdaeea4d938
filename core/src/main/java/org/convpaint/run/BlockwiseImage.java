package org.convpaint.run;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.convpaint.ConvpaintException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.WeightsLocator;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.image.Calibration;
import org.convpaint.image.Volume;
import org.convpaint.io.LabelShape;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.convpaint.pipeline.BlockwisePrediction;
import org.convpaint.pipeline.Normalization;
import org.convpaint.pipeline.TimepointStatistics;

/**
 * One image opened for blockwise prediction in one process of a job that shares it with others: the model (with
 * the caller's downsample), one feature extractor, and the input (TIFF or OME-Zarr, axes and channels decided as
 * for {@code convpaint predict}) whose timepoints are read on demand, a band of rows at a time, so a process
 * reads only what its blocks need. Every process that opens the same files with the same settings plans the
 * same blocks. Not thread-safe; {@link #close()} releases the model, the extractor and the file.
 */
public final class BlockwiseImage implements AutoCloseable {
    /** Pixels of the input held in memory per process, at most. */
    private static final long CACHE_BYTES = 256L << 20;

    private final ConvpaintModel model;
    private final FeatureExtractor extractor;
    private final OpenedInput input;
    private final TimepointReader reader;

    private BlockwiseImage(ConvpaintModel model, FeatureExtractor extractor, OpenedInput input,
            TimepointReader reader) {
        this.model = model;
        this.extractor = extractor;
        this.input = input;
        this.reader = reader;
    }

    /**
     * @param downsample the {@code image_downsample} to use, or null for the model's
     * @param channels   channels as {@code convpaint predict --channel(s)} takes them, or null
     * @param warn       receives warnings (legacy-file notes, GPU fallback)
     * @throws ConvpaintException naming the model or the input when either cannot be used
     */
    public static BlockwiseImage open(Path modelFile, WeightsLocator weights, Integer downsample, boolean forceCpu,
            InputRequest request, List<Integer> channels, Consumer<String> warn) throws ConvpaintException {
        ConvpaintModel loaded = ModelLoader.load(modelFile);
        FeatureExtractor fe = null;
        OpenedInput in = null;
        try {
            loaded.notes().forEach(warn);
            ConvpaintModel model = downsample == null ? loaded
                    : loaded.withParams(loaded.params().withImageDownsample(downsample));
            fe = FeatureExtractors.create(model, weights, forceCpu, warn);
            int modelChannels = ImagePredictor.modelChannels(model, fe);
            in = OpenedInput.open(request, model.params().channelMode(), modelChannels);
            TimepointReader r = new TimepointReader(in.source(), channels, model.params().channelMode(),
                    modelChannels);
            return new BlockwiseImage(model, fe, in, r);
        } catch (ConvpaintException | RuntimeException e) {
            if (in != null) {
                in.close();
            }
            if (fe != null) {
                fe.close();
            }
            loaded.close();
            throw e;
        }
    }

    public ConvpaintModel model() {
        return model;
    }

    /** The input's axes (letters of TCZYX) and shape. */
    public String axes() {
        return input.source().axes();
    }

    public int[] shape() {
        return input.source().shape();
    }

    /** The label image's axes and shape: the input's without C. */
    public LabelShape labelShape() {
        return LabelShape.of(axes(), shape());
    }

    public Calibration calibration() {
        return input.source().calibration();
    }

    /** The input's chunk {height, width} when it is a Zarr array, else null. */
    public int[] planeChunks() {
        return input.planeChunks();
    }

    /** The input's Zarr format when it is a Zarr store, else null. */
    public org.convpaint.io.zarr.ZarrFormat zarrFormat() {
        return input.zarrFormat();
    }

    public int timepoints() {
        return reader.timepoints();
    }

    private Volume volume(int t) throws ConvpaintException {
        return reader.read(t, CACHE_BYTES);
    }

    /** The normalisation pre-pass of timepoint {@code t} (its values read on demand). */
    public TimepointStatistics statistics(int t) throws ConvpaintException {
        return TimepointStatistics.of(model, extractor, volume(t));
    }

    /**
     * Timepoint {@code t} planned in blocks of side {@code blockSide} with its normalisation (computed by the
     * pre-pass); the blocks' computations run on the calling thread.
     */
    public BlockwisePrediction plan(int t, Normalization normalization, int blockSide) throws ConvpaintException {
        return BlockwisePrediction.plan(model, List.of(extractor), null, volume(t), normalization, blockSide);
    }

    @Override
    public void close() {
        input.close();
        extractor.close();
        model.close();
    }
}
