package org.convpaint.classify.catboost;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.convpaint.Messages;
import org.convpaint.UnsupportedModelException;

/**
 * Reads a CatBoost binary model ({@code .cbm}): the magic {@code CBM1}, a little-endian uint32 size, then a
 * FlatBuffers {@code NCatBoostFbs.TModelCore} (catboost's {@code model.fbs}, {@code features.fbs}). Only what a
 * convpaint classifier is made of is accepted: float features and oblivious (symmetric) trees. Everything is
 * validated before an {@link ObliviousTrees} is built: offsets and lengths against the bytes present, split
 * indices against the borders, start offsets and leaf counts against the tree depths, borders ascending and not
 * NaN, scale and bias finite. Damaged bytes give an {@link InvalidModelException}, models with categorical, text
 * or embedding features or non-symmetric trees an {@link UnsupportedModelException}; both with one-line messages.
 */
public final class CbmReader {
    /** CatBoost's limit on tree depth. */
    static final int MAX_DEPTH = 16;
    /** Upper bound on the approx dimension (the number of classes of a MultiClass model). */
    static final int MAX_DIMENSION = 1 << 16;
    private static final String FORMAT = "FlabuffersModel_v1";

    // TModelCore slots
    private static final int CORE_FORMAT = 0;
    private static final int CORE_TREES = 1;
    private static final int CORE_INFO = 2;
    private static final int CORE_PARTS = 3;
    // TModelTrees slots
    private static final int APPROX_DIMENSION = 0;
    private static final int TREE_SPLITS = 1;
    private static final int TREE_SIZES = 2;
    private static final int TREE_START_OFFSETS = 3;
    private static final int CAT_FEATURES = 4;
    private static final int FLOAT_FEATURES = 5;
    private static final int ONE_HOT_FEATURES = 6;
    private static final int CTR_FEATURES = 7;
    private static final int LEAF_VALUES = 8;
    private static final int NON_SYMMETRIC_STEP_NODES = 10;
    private static final int NON_SYMMETRIC_LEAF_IDS = 11;
    private static final int TEXT_FEATURES = 12;
    private static final int ESTIMATED_FEATURES = 13;
    private static final int SCALE = 14;
    private static final int BIAS = 15;
    private static final int MULTI_BIAS = 16;
    private static final int EMBEDDING_FEATURES = 18;
    // TFloatFeature slots
    private static final int HAS_NANS = 0;
    private static final int INDEX = 1;
    private static final int FLAT_INDEX = 2;
    private static final int BORDERS = 3;
    private static final int NAN_TREATMENT = 5;
    private static final int AS_TRUE = 2;

    /** A parsed model: the trees and the {@code InfoMap} (JSON strings such as {@code params}, {@code class_params}). */
    public record Model(ObliviousTrees trees, Map<String, String> info) {
    }

    private CbmReader() {
    }

    /** Parses {@code cbm}; {@code source} is named in messages. */
    public static Model read(byte[] cbm, Path source) throws InvalidModelException, UnsupportedModelException {
        if (cbm.length < 8 || cbm[0] != 'C' || cbm[1] != 'B' || cbm[2] != 'M' || cbm[3] != '1') {
            throw new InvalidModelException("the CatBoost model bytes do not start with 'CBM1'", source);
        }
        long size = (cbm[4] & 0xffL) | (cbm[5] & 0xffL) << 8 | (cbm[6] & 0xffL) << 16 | (cbm[7] & 0xffL) << 24;
        if (size < 8 || size > cbm.length - 8L) {
            throw new InvalidModelException("the CatBoost model claims " + size + " bytes but holds "
                    + (cbm.length - 8), source);
        }
        FlatBufferReader fb = new FlatBufferReader(cbm, 8, 8 + (int) size, source);
        int core = fb.root();
        String format = fb.string(core, CORE_FORMAT);
        if (!FORMAT.equals(format)) {
            throw new UnsupportedModelException("CatBoost model format " + Messages.quote(format) + " is not "
                    + FORMAT, source);
        }
        if (fb.count(core, CORE_PARTS, 4) > 0) {
            throw new UnsupportedModelException("CatBoost models with categorical (CTR), text or embedding data "
                    + "are not convpaint models", source);
        }
        int trees = fb.tableField(core, CORE_TREES);
        if (trees < 0) {
            throw fb.invalid("no trees");
        }
        ObliviousTrees t = trees(fb, trees, source);
        return new Model(t, info(fb, core));
    }

    private static Map<String, String> info(FlatBufferReader fb, int core) throws InvalidModelException {
        Map<String, String> info = new LinkedHashMap<>();
        for (int kv : fb.tables(core, CORE_INFO)) {
            String key = fb.string(kv, 0);
            String value = fb.string(kv, 1);
            if (key == null || value == null) {
                throw fb.invalid("an InfoMap entry without key or value");
            }
            info.put(key, value);
        }
        return info;
    }

    private static ObliviousTrees trees(FlatBufferReader fb, int t, Path source)
            throws InvalidModelException, UnsupportedModelException {
        if (fb.count(t, CAT_FEATURES, 4) + fb.count(t, ONE_HOT_FEATURES, 4) + fb.count(t, CTR_FEATURES, 4) > 0) {
            throw new UnsupportedModelException("CatBoost models with categorical features are not convpaint "
                    + "models", source);
        }
        if (fb.count(t, TEXT_FEATURES, 4) + fb.count(t, EMBEDDING_FEATURES, 4)
                + fb.count(t, ESTIMATED_FEATURES, 4) > 0) {
            throw new UnsupportedModelException("CatBoost models with text or embedding features are not "
                    + "convpaint models", source);
        }
        if (fb.count(t, NON_SYMMETRIC_STEP_NODES, 4) + fb.count(t, NON_SYMMETRIC_LEAF_IDS, 4) > 0) {
            throw new UnsupportedModelException("CatBoost models with non-symmetric trees (grow_policy Depthwise "
                    + "or Lossguide) are not supported; train with the default SymmetricTree", source);
        }
        int dimension = fb.intField(t, APPROX_DIMENSION, 0);
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw fb.invalid("approx dimension " + dimension);
        }
        Features features = features(fb, t);
        int[] sizes = fb.ints(t, TREE_SIZES);
        int[] starts = fb.ints(t, TREE_START_OFFSETS);
        int[] splits = fb.ints(t, TREE_SPLITS);
        if (starts.length != sizes.length) {
            throw fb.invalid(sizes.length + " trees but " + starts.length + " tree start offsets");
        }
        long splitCount = 0;
        long leafCount = 0;
        int[] leafOffset = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0 || sizes[i] > MAX_DEPTH) {
                throw fb.invalid("tree " + i + " has depth " + sizes[i]);
            }
            if (starts[i] != splitCount) {
                throw fb.invalid("tree " + i + " starts at split " + starts[i] + ", not " + splitCount);
            }
            leafOffset[i] = (int) Math.min(Integer.MAX_VALUE, leafCount);
            splitCount += sizes[i];
            leafCount += (1L << sizes[i]) * dimension;
        }
        if (splits.length != splitCount) {
            throw fb.invalid("its trees have " + splitCount + " splits but it lists " + splits.length);
        }
        int[] splitFeature = new int[splits.length];
        float[] splitBorder = new float[splits.length];
        boolean[] nanRight = new boolean[splits.length];
        for (int s = 0; s < splits.length; s++) {
            int b = splits[s];
            if (b < 0 || b >= features.border.length) {
                throw fb.invalid("split " + s + " names border " + b + " of " + features.border.length);
            }
            splitFeature[s] = features.feature[b];
            splitBorder[s] = features.border[b];
            nanRight[s] = features.nanAsTrue[b] && splitBorder[s] < Float.POSITIVE_INFINITY;
        }
        double[] leaves = fb.doubles(t, LEAF_VALUES);
        if (leaves.length != leafCount) {
            throw fb.invalid("its tree depths need " + leafCount + " leaf values but it holds " + leaves.length);
        }
        double scale = fb.doubleField(t, SCALE, 1.0);
        double[] bias = bias(fb, t, dimension);
        if (!Double.isFinite(scale)) {
            throw fb.invalid("scale " + scale);
        }
        return new ObliviousTrees(features.count, dimension, sizes, leafOffset, splitFeature, splitBorder,
                nanRight, leaves, scale, bias);
    }

    private static double[] bias(FlatBufferReader fb, int t, int dimension) throws InvalidModelException {
        double[] multi = fb.doubles(t, MULTI_BIAS);
        double one = fb.doubleField(t, BIAS, 0.0);
        double[] bias;
        if (multi.length > 0) {
            if (multi.length != dimension) {
                throw fb.invalid(multi.length + " biases for approx dimension " + dimension);
            }
            bias = multi;
        } else {
            if (dimension != 1 && one != 0) {
                throw fb.invalid("one bias for approx dimension " + dimension);
            }
            bias = new double[dimension];
            java.util.Arrays.fill(bias, one);
        }
        for (double b : bias) {
            if (!Double.isFinite(b)) {
                throw fb.invalid("bias " + b);
            }
        }
        return bias;
    }

    /** All borders of all float features, flattened in model order: the binary features splits refer to. */
    private record Features(int count, int[] feature, float[] border, boolean[] nanAsTrue) {
    }

    private static Features features(FlatBufferReader fb, int t) throws InvalidModelException {
        int[] tables = fb.tables(t, FLOAT_FEATURES);
        float[][] borders = new float[tables.length][];
        boolean[] asTrue = new boolean[tables.length];
        long total = 0;
        for (int i = 0; i < tables.length; i++) {
            int f = tables[i];
            int index = fb.intField(f, INDEX, -1);
            int flat = fb.intField(f, FLAT_INDEX, -1);
            if (index != i || flat != i) {
                throw fb.invalid("float feature " + i + " has index " + index + " and flat index " + flat);
            }
            int treatment = fb.byteField(f, NAN_TREATMENT, 0);
            if (treatment > AS_TRUE) {
                throw fb.invalid("float feature " + i + " has NaN treatment " + treatment);
            }
            asTrue[i] = fb.byteField(f, HAS_NANS, 0) != 0 && treatment == AS_TRUE;
            borders[i] = fb.floats(f, BORDERS);
            for (int j = 0; j < borders[i].length; j++) {
                float b = borders[i][j];
                if (Float.isNaN(b) || (j > 0 && b < borders[i][j - 1])) {
                    throw fb.invalid("float feature " + i + " has borders that are not ascending");
                }
            }
            total += borders[i].length;
        }
        int[] feature = new int[(int) total];
        float[] border = new float[(int) total];
        boolean[] nan = new boolean[(int) total];
        int k = 0;
        for (int i = 0; i < tables.length; i++) {
            for (float b : borders[i]) {
                feature[k] = i;
                border[k] = b;
                nan[k++] = asTrue[i];
            }
        }
        return new Features(tables.length, feature, border, nan);
    }

}
