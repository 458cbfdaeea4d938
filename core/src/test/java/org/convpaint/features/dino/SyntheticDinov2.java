package org.convpaint.features.dino;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convpaint.weights.Tensor;

/**
 * Deterministic DINOv2 weights and input, bit-identical to those of
 * {@code src/test/resources/dino/make_dinov2_synthetic.py}: value {@code i} of tensor {@code k} (state-dict order,
 * the input image is k = 1000) is {@code (float) (center + scale · (((i·2654435761 + (k+1)·2654404609) mod 2³²) / 2³²
 * − 0.5))}.
 */
final class SyntheticDinov2 {
    private SyntheticDinov2() {
    }

    private record Spec(String name, int[] shape, double center, double scale) {
    }

    private static List<Spec> specs() {
        int e = Dinov2StateDict.EMBED;
        List<Spec> s = new ArrayList<>();
        for (String name : Dinov2StateDict.requiredNames()) {
            int[] shape = Dinov2StateDict.expectedShape(name);
            double center = name.endsWith("norm1.weight") || name.endsWith("norm2.weight")
                    || name.equals("norm.weight") || name.endsWith(".gamma") ? 1.0 : 0.0;
            double scale;
            if (name.equals("cls_token") || name.equals("register_tokens")) {
                scale = 1.0;
            } else if (name.equals("pos_embed") || name.endsWith("qkv.weight") || name.endsWith("proj.weight")
                    || name.endsWith("fc1.weight")) {
                scale = 0.2;
            } else if (name.endsWith("fc2.weight") || name.endsWith(".bias")) {
                scale = 0.1;
            } else {
                scale = 0.4; // LayerNorm weights and LayerScale gammas around 1
            }
            s.add(new Spec(name, shape, center, scale));
        }
        if (s.size() != 5 + 14 * Dinov2StateDict.DEPTH + 2 || e != 384) {
            throw new IllegalStateException("unexpected architecture");
        }
        return s;
    }

    static float[] values(int k, int n, double center, double scale) {
        float[] out = new float[n];
        long offset = (k + 1) * 2654404609L;
        for (int i = 0; i < n; i++) {
            long v = (i * 2654435761L + offset) & 0xFFFFFFFFL;
            double u = v / 4294967296.0 - 0.5;
            out[i] = (float) (center + scale * u);
        }
        return out;
    }

    /** The synthetic state dict (175 tensors, 22 M values). */
    static Map<String, Tensor> weights() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        List<Spec> specs = specs();
        for (int k = 0; k < specs.size(); k++) {
            Spec sp = specs.get(k);
            int n = 1;
            for (int d : sp.shape()) {
                n *= d;
            }
            m.put(sp.name(), new Tensor(sp.name(), sp.shape(), values(k, n, sp.center(), sp.scale())));
        }
        return m;
    }

    /** The synthetic input [3, 2, 28, 42] as doubles. */
    static double[] image() {
        float[] f = values(1000, 3 * 2 * 28 * 42, 0.0, 4.0);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
