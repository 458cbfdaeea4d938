package org.convpaint.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.catboost.CatBoostError;
import ai.catboost.CatBoostModel;
import ai.catboost.CatBoostPredictions;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.pickle.PyInstance;

/**
 * A CatBoost classifier evaluated by CatBoost's own Java library ({@code ai.catboost:catboost-prediction}, JNI)
 * from the model bytes ({@code .cbm}) pickled in {@code CatBoostClassifier.__model}. The library returns raw
 * scores; probabilities are {@code softmax} for MultiClass models and the logistic sigmoid for 2-class Logloss
 * models, as catboost's {@code predict_proba} computes them. Every row passes the model's full feature width.
 *
 * <p>Holds native memory: {@link #close()} it. Concurrent {@link #predictProba} calls are allowed (the native
 * evaluator is read-only).
 */
public final class CatBoostPixelClassifier implements PixelClassifier {
    static final String CATBOOST = "catboost.core.CatBoostClassifier";
    private static final Pattern CLASS_NAMES = Pattern.compile("\"class_names\"\\s*:\\s*\\[([^\\]]*)\\]");

    private final CatBoostModel model;
    private final int numFeatures;
    private final int[] classes;
    private final int dimension;

    private CatBoostPixelClassifier(CatBoostModel model, int numFeatures, int[] classes) {
        this.model = model;
        this.numFeatures = numFeatures;
        this.classes = classes;
        this.dimension = model.getPredictionDimension();
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

    /** Loads a CatBoost binary model ({@code .cbm} bytes). */
    public static CatBoostPixelClassifier fromCbm(byte[] cbm, int numFeatures, Path source)
            throws InvalidModelException, UnsupportedModelException {
        CatBoostModel model;
        try {
            model = CatBoostModel.loadModel(cbm);
        } catch (CatBoostError | RuntimeException | UnsatisfiedLinkError e) {
            throw new InvalidModelException("CatBoost could not read the classifier: " + e.getMessage(), source, e);
        }
        try {
            if (model.getUsedCategoricFeatureCount() + model.getUsedTextFeatureCount()
                    + model.getUsedEmbeddingFeatureCount() > 0) {
                throw new UnsupportedModelException("CatBoost models with categorical, text or embedding features "
                        + "are not convpaint models", source);
            }
            int width = model.getFeatures().size();
            if (numFeatures <= 0) {
                numFeatures = width;
            } else if (numFeatures < width) {
                throw new InvalidModelException("the CatBoost model uses " + width + " features but the model file "
                        + "declares only " + numFeatures, source);
            }
            int dim = model.getPredictionDimension();
            int[] classes = classNames(model.getMetadata(), dim == 1 ? 2 : dim, source);
            return new CatBoostPixelClassifier(model, numFeatures, classes);
        } catch (InvalidModelException | UnsupportedModelException | RuntimeException e) {
            closeQuietly(model);
            throw e;
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
                throw new UnsupportedModelException("CatBoost class name '" + s + "' is not an integer label", source);
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
        float[][] matrix = new float[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = java.util.Arrays.copyOfRange(features, r * numFeatures, (r + 1) * numFeatures);
        }
        try {
            CatBoostPredictions p = model.predict(matrix, (String[][]) null);
            return p.copyRowMajorPredictions();
        } catch (CatBoostError e) {
            throw new IllegalStateException("CatBoost evaluation failed: " + e.getMessage(), e);
        }
    }

    /** Number of raw score columns: 1 for a 2-class Logloss model, else the number of classes. */
    public int dimension() {
        return dimension;
    }

    @Override
    public void predictProba(float[] features, int rows, double[] out) {
        double[] raw = rawScores(features, rows);
        int k = classes.length;
        for (int r = 0; r < rows; r++) {
            if (dimension == 1) {
                double p1 = 1.0 / (1.0 + Math.exp(-raw[r]));
                out[r * 2] = 1.0 - p1;
                out[r * 2 + 1] = p1;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, raw[r * k + c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double e = Math.exp(raw[r * k + c] - max);
                    out[r * k + c] = e;
                    sum += e;
                }
                for (int c = 0; c < k; c++) {
                    out[r * k + c] /= sum;
                }
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(model);
    }

    private static void closeQuietly(CatBoostModel model) {
        try {
            model.close();
        } catch (CatBoostError e) {
            // closing twice or after a failed load: nothing left to release
        }
    }
}
