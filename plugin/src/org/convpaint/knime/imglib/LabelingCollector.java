package org.convpaint.knime.imglib;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;
import org.convpaint.pipeline.Segmentation;
import org.convpaint.io.TimepointSink;
import org.knime.knip.core.awt.labelingcolortable.DefaultLabelingColorTable;
import org.knime.knip.core.data.img.DefaultLabelingMetadata;
import org.knime.knip.core.data.img.LabelingMetadata;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;
import net.imagej.space.DefaultCalibratedSpace;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.ImgView;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.roi.labeling.ImgLabeling;
import net.imglib2.roi.labeling.LabelingMapping;
import net.imglib2.roi.labeling.LabelingType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Collects the engine's per-timepoint results for one KNIP image into an {@link ImgLabeling} with the input's
 * dimensions, order and calibration minus the channel axis. Each distinct non-zero value (class value for semantic
 * output, instance id for instance output) becomes one {@code Integer} label; 0 is background (no label). Optionally
 * collects the class probabilities as a float image with the class axis appended as Channel. Not thread-safe.
 */
public final class LabelingCollector implements TimepointSink {
    private final ImgPlus<?> input;
    /** Input dimensions kept in the output (all but the channel axis), in input order. */
    private final int[] kept;
    private final long[] outDims;
    private final long[] outMin;
    private final int outX;
    private final int outY;
    private final int outZ;
    private final int outT;
    private final Img<IntType> index;
    private final Map<Integer, Integer> indexOfLabel = new HashMap<>();
    private final List<Set<Integer>> labelSets = new ArrayList<>();
    private final boolean collectProbabilities;
    private final Set<String> warnings = new LinkedHashSet<>();
    private Img<FloatType> probabilities;
    private int lastLabel;
    private int lastIndex;

    /**
     * @param source               the source the engine reads (defines the axis roles)
     * @param collectProbabilities also keep the class probabilities (the predictor must compute them)
     */
    public LabelingCollector(final ImgPlusImageSource source, final boolean collectProbabilities) {
        this.input = source.image();
        this.collectProbabilities = collectProbabilities;
        final int channel = source.dimensionOf('C');
        final int n = input.numDimensions() - (channel >= 0 ? 1 : 0);
        this.kept = new int[n];
        this.outDims = new long[n];
        this.outMin = new long[n];
        int k = 0;
        for (int d = 0; d < input.numDimensions(); d++) {
            if (d != channel) {
                kept[k] = d;
                outDims[k] = input.dimension(d);
                outMin[k] = input.min(d);
                k++;
            }
        }
        this.outX = outIndex(source.dimensionOf('X'));
        this.outY = outIndex(source.dimensionOf('Y'));
        this.outZ = outIndex(source.dimensionOf('Z'));
        this.outT = outIndex(source.dimensionOf('T'));
        this.index = intImg(outDims);
        labelSets.add(new HashSet<>());
        lastIndex = -1;
    }

    private int outIndex(final int inputDim) {
        for (int k = 0; k < kept.length; k++) {
            if (kept[k] == inputDim) {
                return k;
            }
        }
        return -1;
    }

    /** True if an image of these dimensions fits one Java array (else it is stored plane by plane). */
    private static boolean fitsArray(final long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n < Integer.MAX_VALUE - 8;
    }

    private static Img<IntType> intImg(final long[] dims) {
        return fitsArray(dims) ? ArrayImgs.ints(dims) : new PlanarImgFactory<>(new IntType()).create(dims);
    }

    private static Img<FloatType> floatImg(final long[] dims) {
        return fitsArray(dims) ? ArrayImgs.floats(dims) : new PlanarImgFactory<>(new FloatType()).create(dims);
    }

    @Override
    public void accept(final int t, final IntGrid labels, final Segmentation seg) throws IOException {
        final GridShape shape = labels.shape();
        final int depth = shape.depth();
        final int height = shape.height();
        final int width = shape.width();
        if (width != outDims[outX] || height != outDims[outY]
                || depth != (outZ >= 0 ? outDims[outZ] : 1)) {
            throw new IllegalStateException("the engine returned " + depth + "x" + height + "x" + width
                    + " labels for an image of " + java.util.Arrays.toString(outDims));
        }
        final RandomAccess<IntType> ra = index.randomAccess();
        if (outT >= 0) {
            ra.setPosition(t, outT);
        }
        final int[] row = new int[width];
        for (int z = 0; z < depth; z++) {
            if (outZ >= 0) {
                ra.setPosition(z, outZ);
            }
            for (int y = 0; y < height; y++) {
                ra.setPosition(y, outY);
                ra.setPosition(0, outX);
                labels.readRows(0, z, y, y + 1, row, 0); // a row at a time: large labels are in a scratch file
                for (int x = 0; x < width; x++) {
                    final int label = row[x];
                    ra.get().set(label == 0 ? 0 : indexOf(label));
                    if (x + 1 < width) {
                        ra.fwd(outX);
                    }
                }
            }
        }
        if (collectProbabilities) {
            addProbabilities(t, seg.probabilities());
        }
        warnings.addAll(seg.warnings());
    }

    private int indexOf(final int label) {
        if (label == lastLabel && lastIndex > 0) {
            return lastIndex;
        }
        Integer i = indexOfLabel.get(label);
        if (i == null) {
            i = labelSets.size();
            final Set<Integer> set = new HashSet<>();
            set.add(label);
            labelSets.add(set);
            indexOfLabel.put(label, i);
        }
        lastLabel = label;
        lastIndex = i;
        return i;
    }

    private void addProbabilities(final int t, final DoubleGrid p) {
        if (p == null) {
            throw new IllegalStateException("probabilities were requested but not computed");
        }
        if (probabilities == null) {
            final long[] dims = java.util.Arrays.copyOf(outDims, outDims.length + 1);
            dims[outDims.length] = p.shape().channels();
            probabilities = floatImg(dims);
        }
        final int classAxis = outDims.length;
        final RandomAccess<FloatType> ra = probabilities.randomAccess();
        if (outT >= 0) {
            ra.setPosition(t, outT);
        }
        final double[] data = p.array(); // probabilities are in the heap
        final GridShape s = p.shape();
        int i = 0;
        for (int c = 0; c < s.channels(); c++) {
            ra.setPosition(c, classAxis);
            for (int z = 0; z < s.depth(); z++) {
                if (outZ >= 0) {
                    ra.setPosition(z, outZ);
                }
                for (int y = 0; y < s.height(); y++) {
                    ra.setPosition(y, outY);
                    ra.setPosition(0, outX);
                    for (int x = 0; x < s.width(); x++) {
                        ra.get().setReal(data[i++]);
                        if (x + 1 < s.width()) {
                            ra.fwd(outX);
                        }
                    }
                }
            }
        }
    }

    /** The labeling (call after all timepoints were accepted); positioned at the input's interval minimum. */
    public RandomAccessibleInterval<LabelingType<Integer>> labeling() {
        final ImgLabeling<Integer, IntType> labeling = new ImgLabeling<>(index);
        new MappingAccess(labeling.getMapping()).install(labelSets);
        return isZero(outMin) ? labeling : Views.translate(labeling, outMin);
    }

    /** KNIP metadata of the labeling: the input's name, source and calibrated axes without the channel axis. */
    public LabelingMetadata metadata() {
        return new DefaultLabelingMetadata(new DefaultCalibratedSpace(outputAxes()), input, input,
                new DefaultLabelingColorTable());
    }

    /** The class probabilities, class axis last (as Channel); null if not collected or nothing accepted. */
    public ImgPlus<FloatType> probabilities() {
        if (probabilities == null) {
            return null;
        }
        final List<CalibratedAxis> axes = outputAxes();
        axes.add(new DefaultLinearAxis(Axes.CHANNEL));
        final long[] min = java.util.Arrays.copyOf(outMin, outMin.length + 1);
        final Img<FloatType> img = isZero(min) ? probabilities
                : ImgView.wrap(Views.translate(probabilities, min), probabilities.factory());
        final ImgPlus<FloatType> result = new ImgPlus<>(img, input.getName() + " probabilities",
                axes.toArray(new CalibratedAxis[0]));
        result.setSource(input.getSource());
        return result;
    }

    /** Distinct warnings the engine reported for this image. */
    public Set<String> warnings() {
        return warnings;
    }

    /** Number of labels (distinct non-zero values). */
    public int labelCount() {
        return labelSets.size() - 1;
    }

    private List<CalibratedAxis> outputAxes() {
        final List<CalibratedAxis> axes = new ArrayList<>();
        for (int d : kept) {
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
