package org.convpaint.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Forests for tests: trees laid out breadth-first (children at {@code left[i]}, {@code left[i] + 1}), one tree after
 * the other, as {@link RandomForest} holds them.
 */
final class ForestBuilder {
    final List<Integer> feature = new ArrayList<>();
    final List<Float> threshold = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> roots = new ArrayList<>();
    int leaves;

    /** {@code n} standard normal floats. */
    static float[] gaussians(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** A tree splitting while depth < maxDepth and the coin says so, on features below numFeatures. */
    ForestBuilder tree(Random rnd, int maxDepth, double split, int numFeatures, float[] thresholds) {
        roots.add(feature.size());
        ArrayDeque<Integer> depth = new ArrayDeque<>(List.of(0));
        int next = feature.size() + 1;
        while (!depth.isEmpty()) {
            int d = depth.poll();
            if (d < maxDepth && rnd.nextDouble() < split) {
                feature.add(rnd.nextInt(numFeatures));
                threshold.add(thresholds[rnd.nextInt(thresholds.length)]);
                left.add(next);
                next += 2;
                depth.add(d + 1);
                depth.add(d + 1);
            } else {
                leaf();
            }
        }
        return this;
    }

    /** A stump: {@code x[f] <= t} reaches leaf {@link #leaves} (before the call), otherwise the next leaf. */
    ForestBuilder stump(int f, float t) {
        roots.add(feature.size());
        feature.add(f);
        threshold.add(t);
        left.add(feature.size());
        leaf();
        leaf();
        return this;
    }

    private void leaf() {
        feature.add(~leaves++);
        threshold.add(0f);
        left.add(0);
    }

    /** The forest with random leaf fractions in [0, 1/3). */
    RandomForest build(Random rnd, int numFeatures, int k) {
        double[] proba = new double[leaves * k];
        for (int i = 0; i < proba.length; i++) {
            proba[i] = rnd.nextDouble() / 3;
        }
        return build(numFeatures, proba);
    }

    /** The forest with these leaf fractions ({@code leaves × k}). */
    RandomForest build(int numFeatures, double[] proba) {
        float[] th = new float[threshold.size()];
        for (int i = 0; i < th.length; i++) {
            th[i] = threshold.get(i);
        }
        return new RandomForest(numFeatures, IntStream.rangeClosed(1, proba.length / leaves).toArray(),
                roots.stream().mapToInt(Integer::intValue).toArray(),
                feature.stream().mapToInt(Integer::intValue).toArray(), th,
                left.stream().mapToInt(Integer::intValue).toArray(), proba);
    }
}
