package org.convpaint.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which names look like a mistyped one: the cosine similarity of their character-pair counts (case ignored), for
 * "did you mean" hints. Stateless.
 */
final class Similarity {
    /** Least similarity of a suggested name. */
    static final double THRESHOLD = 0.5;
    /** Most names suggested. */
    static final int MAX = 3;

    private Similarity() {
    }

    /** Up to {@value #MAX} of {@code candidates} with a similarity above {@value #THRESHOLD}, most alike first. */
    static List<String> mostAlike(String name, List<String> candidates) {
        List<String> out = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (String c : candidates) {
            double s = cosine(name, c);
            if (s > THRESHOLD && !out.contains(c)) {
                int at = 0;
                while (at < scores.size() && scores.get(at) >= s) {
                    at++;
                }
                out.add(at, c);
                scores.add(at, s);
            }
        }
        return out.subList(0, Math.min(MAX, out.size()));
    }

    static double cosine(String a, String b) {
        Map<String, Integer> x = pairs(a);
        Map<String, Integer> y = pairs(b);
        double dot = 0;
        for (Map.Entry<String, Integer> e : x.entrySet()) {
            dot += e.getValue() * (double) y.getOrDefault(e.getKey(), 0);
        }
        double nx = norm(x);
        double ny = norm(y);
        return nx == 0 || ny == 0 ? 0 : dot / (nx * ny);
    }

    private static Map<String, Integer> pairs(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i + 2 <= t.length(); i++) {
            m.merge(t.substring(i, i + 2), 1, Integer::sum);
        }
        return m;
    }

    private static double norm(Map<String, Integer> m) {
        double s = 0;
        for (int v : m.values()) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
