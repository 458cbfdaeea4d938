package org.convpaint.pipeline;

import org.convpaint.features.FeatureExtractor;
import org.convpaint.image.SourceStack;
import org.convpaint.image.Volume;
import org.convpaint.model.ChannelMode;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.stats.GroupLayout;
import org.convpaint.stats.GroupStatistics;
import org.convpaint.stats.TimepointValues;

/**
 * What a timepoint's normalisation reads from its values, for a pre-pass spread over several processes: the
 * values of the prepared input (as {@link Segmenter} normalises them), their statistics layout, and the
 * {@link Normalization} planned from the combined results, identical to {@link Normalization#of} on the whole
 * timepoint. The values may be read on demand (only the rows a range touches). Immutable.
 */
public final class TimepointStatistics {
    private final SourceStack stack;
    private final int normalize;
    private final ConvpaintModel model;
    private final FeatureExtractor fe;
    private final ChannelMode mode;

    private TimepointStatistics(SourceStack stack, ConvpaintModel model, FeatureExtractor fe, ChannelMode mode) {
        this.stack = stack;
        this.normalize = model.params().normalize();
        this.model = model;
        this.fe = fe;
        this.mode = mode;
    }

    /** The statistics of {@code volume} as {@code model} with extractor {@code fe} normalises it. */
    public static TimepointStatistics of(ConvpaintModel model, FeatureExtractor fe, Volume volume) {
        InputPreparation.Prepared prep = InputPreparation.prepare(volume, model.params().channelMode());
        return new TimepointStatistics(prep.stack(), model, fe, prep.channelMode());
    }

    /** What has to be read before the normalisation is known. */
    public Normalization.Prepass prepass() {
        return Normalization.prepass(stack.type(), stack.channels(), normalize, fe.normMode(), mode);
    }

    /** The statistics groups and their buffers. */
    public GroupLayout layout() {
        return GroupLayout.of(stack, normalize);
    }

    /** The prepared values, read on demand. */
    public TimepointValues values() {
        return TimepointValues.of(stack);
    }

    /** The normalisation when {@link #prepass()} is NONE. */
    public Normalization withoutPrepass() {
        return Normalization.withoutPrepass(stack.type(), stack.channels(), normalize, fe.normMode(), mode);
    }

    /** The normalisation from the range check's result (prepass RANGE_CHECK). */
    public Normalization fromRangeCheck(boolean withinUnitInterval) {
        return Normalization.fromRangeCheck(stack.type(), stack.channels(), withinUnitInterval);
    }

    /** The normalisation from combined statistics (prepass STATISTICS). */
    public Normalization fromStatistics(GroupStatistics statistics) {
        if (!statistics.layout().equals(layout())) {
            throw new IllegalArgumentException("statistics of another layout: " + statistics.layout());
        }
        return Normalization.fromStatistics(statistics);
    }

    /** The model the statistics are for. */
    public ConvpaintModel model() {
        return model;
    }
}
