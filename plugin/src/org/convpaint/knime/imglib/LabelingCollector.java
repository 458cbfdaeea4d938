package org.convpaint.knime.imglib;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.convpaint.grid.IntGrid;
import org.convpaint.imglib.ImgLib2LabelCollector;
import org.convpaint.io.TimepointSink;
import org.convpaint.pipeline.Segmentation;
import org.knime.knip.core.awt.labelingcolortable.DefaultLabelingColorTable;
import org.knime.knip.core.data.img.DefaultLabelingMetadata;
import org.knime.knip.core.data.img.LabelingMetadata;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;
import net.imagej.space.DefaultCalibratedSpace;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.ImgView;
import net.imglib2.roi.labeling.ImgLabeling;
import net.imglib2.roi.labeling.LabelingMapping;
import net.imglib2.roi.labeling.LabelingType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Collects the engine's per-timepoint results for one KNIP image into an {@link ImgLabeling} with the input's
 * dimensions, order and calibration minus the channel axis. The collecting itself is the engine's
 * {@link ImgLib2LabelCollector} (tested by the default build): each distinct non-zero value (class value for
 * semantic output, instance id for instance output) becomes one {@code Integer} label; 0 is background (no label).
 * This class only wraps its index image and label sets into an {@code ImgLabeling}, adds KNIP metadata, and turns
 * the optional class probabilities into an {@code ImgPlus} with the class axis appended as Channel. Not
 * thread-safe.
 */
public final class LabelingCollector implements TimepointSink {
    private final ImgPlus<?> input;
    private final ImgLib2LabelCollector collector;

    /**
     * @param source               the source the engine reads (defines the axis roles)
     * @param collectProbabilities also keep the class probabilities (the predictor must compute them)
     */
    public LabelingCollector(final ImgPlusImageSource source, final boolean collectProbabilities) {
        this.input = source.image();
        this.collector = new ImgLib2LabelCollector(source.adapter(), collectProbabilities);
    }

    @Override
    public void accept(final int t, final IntGrid labels, final Segmentation seg) throws IOException {
        collector.accept(t, labels, seg);
    }

    /** The labeling (call after all timepoints were accepted); positioned at the input's interval minimum. */
    public RandomAccessibleInterval<LabelingType<Integer>> labeling() {
        final ImgLabeling<Integer, IntType> labeling = new ImgLabeling<>(collector.indexImage());
        new MappingAccess(labeling.getMapping()).install(collector.labelSets());
        final long[] min = collector.outputMin();
        return isZero(min) ? labeling : Views.translate(labeling, min);
    }

    /** KNIP metadata of the labeling: the input's name, source and calibrated axes without the channel axis. */
    public LabelingMetadata metadata() {
        return new DefaultLabelingMetadata(new DefaultCalibratedSpace(outputAxes()), input, input,
                new DefaultLabelingColorTable());
    }

    /** The class probabilities, class axis last (as Channel); null if not collected or nothing accepted. */
    public ImgPlus<FloatType> probabilities() {
        final Img<FloatType> probabilities = collector.probabilities();
        if (probabilities == null) {
            return null;
        }
        final List<CalibratedAxis> axes = outputAxes();
        axes.add(new DefaultLinearAxis(Axes.CHANNEL));
        final long[] min = Arrays.copyOf(collector.outputMin(), axes.size());
        final Img<FloatType> img = isZero(min) ? probabilities
                : ImgView.wrap(Views.translate(probabilities, min), probabilities.factory());
        final ImgPlus<FloatType> result = new ImgPlus<>(img, input.getName() + " probabilities",
                axes.toArray(new CalibratedAxis[0]));
        result.setSource(input.getSource());
        return result;
    }

    /** Distinct warnings the engine reported for this image. */
    public Set<String> warnings() {
        return collector.warnings();
    }

    /** Number of labels (distinct non-zero values). */
    public int labelCount() {
        return collector.labelCount();
    }

    /** Copies of the input's calibrated axes without the channel axis, in output order. */
    private List<CalibratedAxis> outputAxes() {
        final List<CalibratedAxis> axes = new ArrayList<>();
        for (int d : collector.keptDimensions()) {
            axes.add(input.axis(d).copy());
        }
        return axes;
    }

    private static boolean isZero(final long[] v) {
        for (long x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Installs all label sets at once (index 0 = empty set, index k = {k-th distinct value}). */
    private static final class MappingAccess extends LabelingMapping.SerialisationAccess<Integer> {
        MappingAccess(final LabelingMapping<Integer> mapping) {
            super(mapping);
        }

        void install(final List<Set<Integer>> sets) {
            setLabelSets(sets);
        }
    }
}
