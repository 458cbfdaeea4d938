package org.convpaint.classify;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.numpy.PairwiseSum;
import org.convpaint.pickle.NdArray;
import org.convpaint.pickle.PickleRejection;
import org.convpaint.pickle.PyInstance;

/**
 * Builds a {@link RandomForest} from a pickled sklearn {@code RandomForestClassifier} (sklearn 1.0 – 1.7 layouts:
 * 56- and 64-byte node records, leaf values as counts or fractions). Validates the tree structure so that a
 * damaged or hostile file cannot produce cycles or out-of-range indices.
 */
public final class SklearnForestReader {
    static final String FOREST = "sklearn.ensemble._forest.RandomForestClassifier";
    static final String TREE_CLASSIFIER = "sklearn.tree._classes.DecisionTreeClassifier";
    static final String TREE = "sklearn.tree._tree.Tree";

    private SklearnForestReader() {
    }

    /** True if {@code classifier} is a pickled sklearn RandomForestClassifier. */
    public static boolean isForest(Object classifier) {
        return classifier instanceof PyInstance p && FOREST.equals(p.className());
    }

    /**
     * @param forest the unpickled {@code RandomForestClassifier}
     * @param source file, for messages
     */
    public static RandomForest read(PyInstance forest, Path source)
            throws InvalidModelException, UnsupportedModelException {
        try {
            return build(forest.state());
        } catch (PickleRejection e) {
            if (e.isUnsupported()) {
                throw new UnsupportedModelException(e.getMessage(), source);
            }
            throw new InvalidModelException("damaged RandomForest: " + e.getMessage(), source);
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new InvalidModelException("damaged RandomForest: " + e.getMessage(), source);
        }
    }

    private static RandomForest build(Map<Object, Object> state) {
        int nOutputs = intValue(state, "n_outputs_", 1);
        if (nOutputs != 1) {
            throw PickleRejection.unsupported("multi-output forests (n_outputs_=" + nOutputs + ") are not supported");
        }
        int[] classes = classValues(require(state, "classes_"));
        int nFeatures = intValue(state, "n_features_in_", -1);
        if (!(state.get("estimators_") instanceof List<?> estimators) || estimators.isEmpty()) {
            throw PickleRejection.invalid("the forest has no trees (estimators_)");
        }
        if (nFeatures < 1) {
            throw PickleRejection.invalid("the forest does not record its number of features (n_features_in_)");
        }
        List<int[]> featureParts = new ArrayList<>();
        List<float[]> thresholdParts = new ArrayList<>();
        List<int[]> leftParts = new ArrayList<>();
        List<double[]> probaParts = new ArrayList<>();
        int[] roots = new int[estimators.size()];
        int nodeOffset = 0;
        int leafOffset = 0;
        for (int t = 0; t < estimators.size(); t++) {
            if (!(estimators.get(t) instanceof PyInstance est) || !TREE_CLASSIFIER.equals(est.className())) {
                throw PickleRejection.invalid("tree " + t + " is not a DecisionTreeClassifier");
            }
            if (!(est.state().get("tree_") instanceof PyInstance tree) || !TREE.equals(tree.className())) {
                throw PickleRejection.invalid("tree " + t + " has no fitted tree_");
            }
            FlatTree flat = flatten(tree, nFeatures, classes.length, nodeOffset, leafOffset, t);
            roots[t] = nodeOffset;
            featureParts.add(flat.feature);
            thresholdParts.add(flat.threshold);
            leftParts.add(flat.left);
            probaParts.add(flat.leafProba);
            nodeOffset += flat.feature.length;
            leafOffset += flat.leafProba.length / classes.length;
        }
        int[] feature = new int[nodeOffset];
        float[] threshold = new float[nodeOffset];
        int[] left = new int[nodeOffset];
        double[] proba = new double[leafOffset * classes.length];
        int n = 0;
        int p = 0;
        for (int t = 0; t < roots.length; t++) {
            int len = featureParts.get(t).length;
            System.arraycopy(featureParts.get(t), 0, feature, n, len);
            System.arraycopy(thresholdParts.get(t), 0, threshold, n, len);
            System.arraycopy(leftParts.get(t), 0, left, n, len);
            System.arraycopy(probaParts.get(t), 0, proba, p, probaParts.get(t).length);
            n += len;
            p += probaParts.get(t).length;
        }
        return new RandomForest(nFeatures, classes, roots, feature, threshold, left, proba);
    }

    private record FlatTree(int[] feature, float[] threshold, int[] left, double[] leafProba) {
    }

    /**
     * Re-lays one sklearn tree breadth-first so that siblings are adjacent, with global node and leaf indices.
     */
    private static FlatTree flatten(PyInstance tree, int nFeatures, int nClasses, int nodeOffset, int leafOffset,
            int t) {
        Map<Object, Object> st = tree.state();
        NdArray nodes = (NdArray) require(st, "nodes");
        NdArray values = (NdArray) require(st, "values");
        int count = nodes.size();
        if (count < 1 || intValue(st, "node_count", count) != count) {
            throw PickleRejection.invalid("tree " + t + ": node_count does not match its node array");
        }
        int[] vshape = values.shape();
        if (vshape.length != 3 || vshape[0] != count || vshape[1] != 1 || vshape[2] != nClasses) {
            throw PickleRejection.invalid("tree " + t + ": values array does not have shape [" + count + ",1,"
                    + nClasses + "]");
        }
        long[] l = nodes.fieldLongs("left_child");
        long[] r = nodes.fieldLongs("right_child");
        long[] f = nodes.fieldLongs("feature");
        double[] thr = nodes.fieldDoubles("threshold");
        double[] v = values.toDoubles();

        int[] feature = new int[count];
        float[] threshold = new float[count];
        int[] left = new int[count];
        double[] proba = new double[count * nClasses];
        Deque<int[]> queue = new ArrayDeque<>(); // {sklearn node, new local index}
        queue.add(new int[] {0, 0});
        int next = 1;
        int leaves = 0;
        int visited = 0;
        double[] row = new double[nClasses];
        while (!queue.isEmpty()) {
            int[] item = queue.poll();
            int old = item[0];
            int idx = item[1];
            visited++;
            if (l[old] == -1 && r[old] == -1) {
                feature[idx] = ~(leafOffset + leaves);
                System.arraycopy(v, old * nClasses, row, 0, nClasses);
                double norm = PairwiseSum.sum(row, 0, nClasses);
                if (norm == 0.0) {
                    norm = 1.0;
                }
                for (int c = 0; c < nClasses; c++) {
                    proba[leaves * nClasses + c] = row[c] / norm;
                }
                leaves++;
                continue;
            }
            if (l[old] <= old || r[old] <= old || l[old] >= count || r[old] >= count) {
                throw PickleRejection.invalid("tree " + t + ": node " + old + " has invalid children");
            }
            if (f[old] < 0 || f[old] >= nFeatures) {
                throw PickleRejection.invalid("tree " + t + ": node " + old + " splits on feature " + f[old]
                        + " of " + nFeatures);
            }
            if (Double.isNaN(thr[old])) {
                throw PickleRejection.invalid("tree " + t + ": node " + old + " has a NaN threshold");
            }
            feature[idx] = (int) f[old];
            threshold[idx] = RandomForest.floatThreshold(thr[old]);
            left[idx] = nodeOffset + next;
            queue.add(new int[] {(int) l[old], next});
            queue.add(new int[] {(int) r[old], next + 1});
            next += 2;
            if (next > count) {
                throw PickleRejection.invalid("tree " + t + ": nodes are shared or cyclic");
            }
        }
        if (visited != count) {
            throw PickleRejection.invalid("tree " + t + ": " + (count - visited) + " nodes are unreachable");
        }
        return new FlatTree(feature, threshold, left, java.util.Arrays.copyOf(proba, leaves * nClasses));
    }

    /** Class values of {@code classes_}: integral numbers (the annotation labels). */
    static int[] classValues(Object classesObj) {
        if (!(classesObj instanceof NdArray arr) || arr.shape().length != 1 || arr.size() < 1) {
            throw PickleRejection.invalid("classes_ is not a 1-D array");
        }
        long[] values = arr.toLongs();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw PickleRejection.unsupported("class value " + values[i] + " does not fit a label image");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    private static Object require(Map<Object, Object> state, String key) {
        Object v = state.get(key);
        if (v == null) {
            throw PickleRejection.invalid("missing '" + key + "'");
        }
        return v;
    }

    private static int intValue(Map<Object, Object> state, String key, int fallback) {
        Object v = state.get(key);
        return v instanceof Number n ? n.intValue() : fallback;
    }
}
