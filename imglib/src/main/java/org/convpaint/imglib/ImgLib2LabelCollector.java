package org.convpaint.imglib;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntGrid;
import org.convpaint.io.TimepointSink;
import org.convpaint.pipeline.Segmentation;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Collects the engine's per-timepoint results for one {@link ImgLib2ImageSource} into ImgLib2 images with the
 * input's dimensions and order minus the channel axis (the <em>output dimensions</em>). The labels are kept the way
 * an ImgLib2 labeling stores them: an index image ({@link #indexImage()}) whose value k &gt; 0 points to label set
 * k of {@link #labelSets()}, one set per distinct non-zero label value (class value for semantic output, instance
 * id for instance output) in order of first appearance; 0 is background (the empty set). Optionally the class
 * probabilities are collected as a float image with the class axis appended. Images that fit one Java array are
 * array images, larger ones planar images. Not thread-safe.
 */
public final class ImgLib2LabelCollector implements TimepointSink {
    private final ImgLib2ImageSource source;
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
    /** The label value of each index (index 0, background, holds 0). */
    private final List<Integer> labelOfIndex = new ArrayList<>();
    private final boolean collectProbabilities;
    private final Set<String> warnings = new LinkedHashSet<>();
    private Img<FloatType> probabilities;
    private int lastLabel;
    private int lastIndex = -1;

    /**
     * @param source               the source the engine reads (defines the axis roles and the interval)
     * @param collectProbabilities also keep the class probabilities (the predictor must compute them)
     */
    public ImgLib2LabelCollector(final ImgLib2ImageSource source, final boolean collectProbabilities) {
        this.source = source;
        this.collectProbabilities = collectProbabilities;
        final RandomAccessibleInterval<?> input = source.image();
        final int channel = source.dimensionOf(Axis.C);
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
        this.outX = outIndex(source.dimensionOf(Axis.X));
        this.outY = outIndex(source.dimensionOf(Axis.Y));
        this.outZ = outIndex(source.dimensionOf(Axis.Z));
        this.outT = outIndex(source.dimensionOf(Axis.T));
        this.index = fitsArray(outDims) ? ArrayImgs.ints(outDims) : new PlanarImgFactory<>(new IntType()).create(outDims);
        labelOfIndex.add(0);
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
    static boolean fitsArray(final long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n < Integer.MAX_VALUE - 8;
    }

    /**
     * Stores timepoint {@code t}'s labels ([1, Z, H, W], read a row at a time) and, if collected, its
     * probabilities.
     *
     * @throws IllegalStateException if the labels do not have the input's Z, Y and X sizes, or probabilities were
     *                               asked for and the segmentation has none
     */
    @Override
    public void accept(final int t, final IntGrid labels, final Segmentation seg) throws IOException {
        final GridShape shape = labels.shape();
        final int depth = shape.depth();
        final int height = shape.height();
        final int width = shape.width();
        if (width != outDims[outX] || height != outDims[outY] || depth != (outZ >= 0 ? outDims[outZ] : 1)
                || t < 0 || t >= (outT >= 0 ? outDims[outT] : 1)) {
            throw new IllegalStateException("the engine returned " + depth + "x" + height + "x" + width
                    + " labels of timepoint " + t + " for an image of " + Arrays.toString(outDims));
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
            i = labelOfIndex.size();
            labelOfIndex.add(label);
            indexOfLabel.put(label, i);
        }
        lastLabel = label;
        lastIndex = i;
        return i;
    }

    private void addProbabilities(final int t, final DoubleGrid p) throws IOException {
        if (p == null) {
            throw new IllegalStateException("probabilities were requested but not computed");
        }
        final GridShape s = p.shape();
        if (probabilities == null) {
            final long[] dims = Arrays.copyOf(outDims, outDims.length + 1);
            dims[outDims.length] = s.channels();
            probabilities = fitsArray(dims) ? ArrayImgs.floats(dims)
                    : new PlanarImgFactory<>(new FloatType()).create(dims);
        }
        final int classAxis = outDims.length;
        final RandomAccess<FloatType> ra = probabilities.randomAccess();
        if (outT >= 0) {
            ra.setPosition(t, outT);
        }
        final double[] row = new double[s.width()];
        for (int c = 0; c < s.channels(); c++) {
            ra.setPosition(c, classAxis);
            for (int z = 0; z < s.depth(); z++) {
                if (outZ >= 0) {
                    ra.setPosition(z, outZ);
                }
                for (int y = 0; y < s.height(); y++) {
                    ra.setPosition(y, outY);
                    ra.setPosition(0, outX);
                    p.readRows(c, z, y, y + 1, row, 0);
                    for (int x = 0; x < s.width(); x++) {
                        ra.get().setReal(row[x]);
                        if (x + 1 < s.width()) {
                            ra.fwd(outX);
                        }
                    }
                }
            }
        }
    }

    /** The source whose results are collected. */
    public ImgLib2ImageSource source() {
        return source;
    }

    /**
     * The label index image (call after all timepoints were accepted): output dimensions, minimum 0 (place it at
     * {@link #outputMin()}); value 0 = background, k &gt; 0 = label set k of {@link #labelSets()}. Not a copy.
     */
    public Img<IntType> indexImage() {
        return index;
    }

    /**
     * The label sets of the index image, as an ImgLib2 {@code LabelingMapping} takes them: element 0 is the empty
     * set (background), element k the singleton set of the k-th distinct label value. A new list of new sets.
     */
    public List<Set<Integer>> labelSets() {
        final List<Set<Integer>> sets = new ArrayList<>(labelOfIndex.size());
        sets.add(new HashSet<>());
        for (int k = 1; k < labelOfIndex.size(); k++) {
            sets.add(new HashSet<>(Collections.singleton(labelOfIndex.get(k))));
        }
        return sets;
    }

    /** The label values in index order: element k − 1 is the value of index k. */
    public int[] labelValues() {
        final int[] values = new int[labelOfIndex.size() - 1];
        for (int k = 0; k < values.length; k++) {
            values[k] = labelOfIndex.get(k + 1);
        }
        return values;
    }

    /**
     * The label values themselves (0 for background) as a read-only view of the index image, placed at
     * {@link #outputMin()}: what the engine wrote into its label image, in the output dimensions.
     */
    public RandomAccessibleInterval<IntType> labelImage() {
        final int[] values = labelValues();
        final RandomAccessibleInterval<IntType> labels = Converters.convert((RandomAccessibleInterval<IntType>) index,
                (in, out) -> out.set(in.get() == 0 ? 0 : values[in.get() - 1]), new IntType());
        return Views.translate(labels, outMin);
    }

    /** Interval minimum of the output dimensions: the input's minima without the channel axis. */
    public long[] outputMin() {
        return outMin.clone();
    }

    /** Input dimension of each output dimension (all but the channel axis), in order. */
    public int[] keptDimensions() {
        return kept.clone();
    }

    /** The input's axes without the channel axis, in output dimension order. */
    public List<ImageAxis> outputAxes() {
        final List<ImageAxis> axes = new ArrayList<>(kept.length);
        for (int d : kept) {
            axes.add(source.imageAxes().get(d));
        }
        return List.copyOf(axes);
    }

    /**
     * The class probabilities (output dimensions, then one class per position of a last dimension), minimum 0
     * (place it at {@link #outputMin()} plus 0 for the class axis); null if not collected or nothing accepted.
     * Not a copy.
     */
    public Img<FloatType> probabilities() {
        return probabilities;
    }

    /** Distinct warnings the engine reported for this image, in order. */
    public Set<String> warnings() {
        return Collections.unmodifiableSet(warnings);
    }

    /** Number of labels (distinct non-zero values). */
    public int labelCount() {
        return labelOfIndex.size() - 1;
    }
}
