package org.convpaint.features.dino;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import org.convpaint.image.ImageStack;
import org.convpaint.weights.Tensor;

/** Operations the vision transformers share: input batch, weights upload and attention. Stateless. */
final class VitOps {
    private VitOps() {
    }

    /** {@code series} [3, Z, H, W] as a float32 array in [Z, 3, H, W] order (planes are the batch). */
    static float[] planesAsBatch(ImageStack series) {
        int z = series.depth();
        int plane = series.height() * series.width();
        float[] input = new float[3 * z * plane];
        double[] d = series.data();
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < z; p++) {
                int src = series.planeOffset(c, p);
                int dst = (p * 3 + c) * plane;
                for (int i = 0; i < plane; i++) {
                    input[dst + i] = (float) d[src + i];
                }
            }
        }
        return input;
    }

    /** The tensor {@code name} of {@code weights} as a native array of its shape, owned by {@code manager}. */
    static NDArray load(NDManager manager, Map<String, Tensor> weights, String name) {
        Tensor t = weights.get(name);
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.dim(i);
        }
        return manager.create(t.data(), new Shape(shape));
    }

    /**
     * {@code softmax(q · kᵀ) · v} per plane and head (q already scaled), [Z, heads, T, D] from q, k, v of that
     * shape: all at once when the score matrices take at most {@code batchBytes}, else head by head; intermediates
     * live in {@code bm}.
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDManager bm, long batchBytes) {
        Shape s = q.getShape();
        int z = (int) s.get(0);
        int heads = (int) s.get(1);
        long t = s.get(2);
        long scoreBytes = 4L * z * heads * t * t;
        if (scoreBytes <= batchBytes) {
            return q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v);
        }
        NDList planes = new NDList(z);
        for (int p = 0; p < z; p++) {
            NDList perHead = new NDList(heads);
            for (int h = 0; h < heads; h++) {
                try (NDManager hm = bm.newSubManager()) {
                    NDIndex idx = new NDIndex(p, h);
                    NDArray qh = q.get(hm, idx);
                    NDArray kh = k.get(hm, idx);
                    NDArray vh = v.get(hm, idx);
                    NDArray out = qh.matMul(kh.transpose(1, 0)).softmax(-1).matMul(vh); // [T, D]
                    out.attach(bm);
                    perHead.add(out);
                }
            }
            planes.add(NDArrays.stack(perHead, 0));
        }
        return NDArrays.stack(planes, 0);
    }
}
