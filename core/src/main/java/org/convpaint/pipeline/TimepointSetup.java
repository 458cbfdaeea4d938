package org.convpaint.pipeline;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;

import org.convpaint.features.FeatureExtractor;
import org.convpaint.image.SourceStack;
import org.convpaint.image.Volume;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;

/**
 * A timepoint made ready for the tiles, as convpaint's {@code segment} does before features: input preparation,
 * normalisation (statistics over the whole timepoint, or given), downsampling and padding (a {@link PaddedView}),
 * and the tile job. Shared by {@link Segmenter} (all tiles here) and {@link BlockwisePrediction} (tiles as blocks,
 * anywhere). Immutable.
 *
 * @param prep   the prepared input
 * @param norm   its normalisation
 * @param down   the downsampled grid's {height, width}
 * @param resize whether the downsampled grid's probabilities are resized back to the input size
 * @param job    the tile job
 */
record TimepointSetup(InputPreparation.Prepared prep, Normalization norm, int[] down, boolean resize,
        TiledPrediction.Job job) {

    /**
     * @param normalization the timepoint's normalisation, or null to compute it from {@code volume} (which reads
     *                      every pixel)
     * @param buffers       feature arrays to reuse ({@link TiledPrediction.Job})
     */
    static TimepointSetup of(ConvpaintModel model, List<FeatureExtractor> extractors, ExecutorService pool,
            TileSettings tiles, Volume volume, Normalization normalization, Queue<float[]> buffers) {
        ConvpaintParams p = model.params();
        FeatureExtractor fe = extractors.get(0);
        InputPreparation.Prepared prep = InputPreparation.prepare(volume, p.channelMode());
        SourceStack in = prep.stack();
        Normalization norm = normalization != null ? normalization
                : Normalization.of(in, p.normalize(), fe.normMode(), prep.channelMode());
        int k = p.imageDownsample();
        int[] down = PaddedView.downsampledSize(in.height(), in.width(), k);
        List<Integer> scalings = fe.patchedOutput() ? List.of(1) : p.scalings();
        Padding.Amounts pad = Padding.amounts(fe.padding(), fe.patchSize(), scalings, down[0], down[1]);
        PaddedView view = new PaddedView(in, norm, k, pad);
        TiledPrediction.Job job = new TiledPrediction.Job(view, p.withScalings(scalings), prep.channelMode(),
                model.classifier(), model.numFeatures(), model.classes(), TiledPrediction.queue(extractors), pool,
                tiles, buffers);
        return new TimepointSetup(prep, norm, down, k < -1 || k > 1, job);
    }

    SourceStack input() {
        return prep.stack();
    }
}
