package org.convpaint.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.convpaint.InvalidModelException;
import org.convpaint.Messages;
import org.convpaint.UnsupportedModelException;
import org.convpaint.classify.catboost.CbmReader;
import org.convpaint.classify.catboost.ObliviousTrees;
import org.convpaint.pickle.PyInstance;

/**
 * A CatBoost classifier evaluated in pure Java ({@link ObliviousTrees}) from the model bytes ({@code .cbm}) pickled
 * in {@code CatBoostClassifier.__model}, parsed and validated by {@link CbmReader}: untrusted bytes never reach
 * native code. Raw scores are CatBoost's {@code RawFormulaVal}; probabilities are {@code softmax} for MultiClass
 * models and the logistic sigmoid for 2-class Logloss models, as catboost's {@code predict_proba} computes them.
 * Other loss functions are refused.
 *
 * <p>Immutable; concurrent {@link #predictProba} calls are allowed. {@link #close()} releases nothing.
 */
public final class CatBoostPixelClassifier implements PixelClassifier {
    static final String CATBOOST = "catboost.core.CatBoostClassifier";
    private static final Pattern CLASS_NAMES = Pattern.compile("\"class_names\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern LOSS = Pattern.compile("\"loss_function\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final int ROWS = 1024;

    private final ObliviousTrees trees;
    private final int numFeatures;
    private final int[] classes;
    private final int dimension;

    private CatBoostPixelClassifier(ObliviousTrees trees, int numFeatures, int[] classes) {
        this.trees = trees;
        this.numFeatures = numFeatures;
        this.classes = classes;
        this.dimension = trees.dimension();
    }

    /** True if {@code classifier} is a pickled catboost {@code CatBoostClassifier}. */
    public static boolean isCatBoost(Object classifier) {
        return classifier instanceof PyInstance p && CATBOOST.equals(p.className());
    }

    /**
     * @param classifier  the unpickled {@code CatBoostClassifier}
     * @param numFeatures feature width the pipeline produces (the model's {@code num_features}); if ≤ 0, the
     *                    width the model itself records
     * @param source      file, for messages
     */
    public static CatBoostPixelClassifier read(PyInstance classifier, int numFeatures, Path source)
            throws InvalidModelException, UnsupportedModelException {
        if (!(classifier.state().get("__model") instanceof byte[] cbm) || cbm.length < 8) {
            throw new InvalidModelException("the CatBoost classifier carries no model bytes ('__model')", source);
        }
        return fromCbm(cbm, numFeatures, source);
    }

    /** Loads a CatBoost binary model ({@code .cbm} bytes): float features, oblivious trees, MultiClass or Logloss. */
    public static CatBoostPixelClassifier fromCbm(byte[] cbm, int numFeatures, Path source)
            throws InvalidModelException, UnsupportedModelException {
        CbmReader.Model model = CbmReader.read(cbm, source);
        ObliviousTrees trees = model.trees();
        int width = trees.numFeatures();
        if (numFeatures <= 0) {
            numFeatures = width;
        } else if (numFeatures < width) {
            throw new InvalidModelException("the CatBoost model uses " + width + " features but the model file "
                    + "declares only " + numFeatures, source);
        }
        int dim = trees.dimension();
        checkLoss(model.info().get("params"), dim, source);
        int[] classes = classNames(model.info(), dim == 1 ? 2 : dim, source);
        return new CatBoostPixelClassifier(trees, numFeatures, classes);
    }

    /** MultiClass (dimension ≥ 2) and Logloss (dimension 1) are what CatBoostClassifier trains for convpaint. */
    private static void checkLoss(String params, int dim, Path source)
            throws InvalidModelException, UnsupportedModelException {
        Matcher m = params == null ? null : LOSS.matcher(params);
        if (m == null || !m.find()) {
            throw new InvalidModelException("the CatBoost model records no loss function", source);
        }
        String loss = m.group(1);
        boolean ok = dim == 1 ? loss.equals("Logloss") : loss.equals("MultiClass");
        if (!ok) {
            throw new UnsupportedModelException("CatBoost loss function " + Messages.quote(loss) + " with "
                    + dim + " raw values is not supported (MultiClass or 2-class Logloss)", source);
        }
    }

    /** The class values from the model's {@code class_params} metadata, or 0..k−1 when absent. */
    private static int[] classNames(Map<String, String> metadata, int k, Path source)
            throws UnsupportedModelException, InvalidModelException {
        String params = metadata == null ? null : metadata.get("class_params");
        if (params == null) {
            int[] classes = new int[k];
            for (int i = 0; i < k; i++) {
                classes[i] = i;
            }
            return classes;
        }
        Matcher m = CLASS_NAMES.matcher(params);
        if (!m.find()) {
            throw new InvalidModelException("the CatBoost model's class_params has no class_names", source);
        }
        List<Integer> values = new ArrayList<>();
        for (String item : m.group(1).split(",")) {
            String s = item.strip().replace("\"", "");
            if (s.isEmpty()) {
                continue;
            }
            try {
                double d = Double.parseDouble(s);
                if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                values.add((int) d);
            } catch (NumberFormatException e) {
                throw new UnsupportedModelException("CatBoost class name " + Messages.quote(s)
                        + " is not an integer label", source);
            }
        }
        if (values.size() != k) {
            throw new InvalidModelException("the CatBoost model predicts " + k + " classes but names "
                    + values.size(), source);
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String name() {
        return "CatBoost";
    }

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** Raw scores ({@code predict(prediction_type='RawFormulaVal')}), {@code rows × dimension}, row-major. */
    public double[] rawScores(float[] features, int rows) {
        double[] raw = new double[rows * dimension];
        trees.rawValues(features, rowOffsets(), 0, numFeatures, rows, raw, 0);
        return raw;
    }

    private int[] rowOffsets() {
        int[] offsets = new int[trees.numFeatures()];
        for (int f = 0; f < offsets.length; f++) {
            offsets[f] = f;
        }
        return offsets;
    }

    /** Number of raw score columns: 1 for a 2-class Logloss model, else the number of classes. */
    public int dimension() {
        return dimension;
    }

    @Override
    public int[] usedFeatures() {
        return trees.usedFeatures();
    }

    /** This classifier over only {@link #usedFeatures()}, renumbered (same results). */
    @Override
    public PixelClassifier compact() {
        int[] used = usedFeatures();
        if (used.length == numFeatures) {
            return this;
        }
        return new CatBoostPixelClassifier(trees.remapped(used), used.length, classes);
    }

    @Override
    public void predictProba(float[] features, int rows, double[] out) {
        if (features.length < (long) rows * numFeatures || out.length < (long) rows * classes.length) {
            throw new IllegalArgumentException("feature or output block too small for " + rows + " rows");
        }
        int[] offsets = rowOffsets();
        int k = classes.length;
        double[] raw = new double[Math.min(rows, ROWS) * dimension];
        for (int r0 = 0; r0 < rows; r0 += ROWS) {
            int m = Math.min(ROWS, rows - r0);
            trees.rawValues(features, offsets, r0 * numFeatures, numFeatures, m, raw, 0);
            probabilities(raw, m, out, r0 * k, 1, k);
        }
    }

    @Override
    public void predictProbaColumns(float[] data, int[] columns, int first, int rows, double[] out, int outOffset,
            int outStride) {
        bindColumns(data, columns).predictProba(first, rows, out, outOffset, outStride);
    }

    /** Reads the feature columns directly (no gathering of rows). */
    @Override
    public BoundColumns bindColumns(float[] data, int[] columns) {
        if (columns.length != numFeatures) {
            throw new IllegalArgumentException(columns.length + " columns for a classifier of " + numFeatures);
        }
        int[] offsets = java.util.Arrays.copyOf(columns, trees.numFeatures());
        return (first, rows, out, outOffset, outStride) -> {
            double[] raw = new double[Math.min(rows, ROWS) * dimension];
            for (int r0 = 0; r0 < rows; r0 += ROWS) {
                int m = Math.min(ROWS, rows - r0);
                trees.rawValues(data, offsets, first + r0, 1, m, raw, 0);
                probabilities(raw, m, out, outOffset + r0, outStride, 1);
            }
        };
    }

    /**
     * Probabilities of {@code m} rows of raw scores: class {@code c} of row {@code r} goes to
     * {@code out[offset + c·classStride + r·rowStride]}.
     */
    private void probabilities(double[] raw, int m, double[] out, int offset, int classStride, int rowStride) {
        int k = classes.length;
        for (int r = 0; r < m; r++) {
            int o = offset + r * rowStride;
            if (dimension == 1) {
                double p1 = 1.0 / (1.0 + Math.exp(-raw[r]));
                out[o] = 1.0 - p1;
                out[o + classStride] = p1;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, raw[r * k + c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double e = Math.exp(raw[r * k + c] - max);
                    out[o + c * classStride] = e;
                    sum += e;
                }
                for (int c = 0; c < k; c++) {
                    out[o + c * classStride] /= sum;
                }
            }
        }
    }

    /** Nothing to release: the model lives on the Java heap. */
    @Override
    public void close() {
        // pure Java: nothing to release
    }
}
