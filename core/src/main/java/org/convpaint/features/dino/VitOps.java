package org.convpaint.features.dino;

import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

import org.convpaint.features.FeatureMaps;

import org.convpaint.image.ImageStack;
import org.convpaint.weights.Tensor;

/** What the vision transformers share: input checks, weights upload, the block loop, attention, output. Stateless. */
final class VitOps {
    /**
     * Score-matrix bytes of one attention product: all planes and heads at once when their scores fit, else per
     * plane and head in blocks of query rows whose scores fit. Blocks of a few MB stay in the last-level cache and
     * below glibc's largest mmap threshold (32 MB), so their buffers are reused instead of being mapped and faulted in
     * afresh for every product, which cost more system time than the products themselves (2048² at downsample 2:
     * 2.8 s for the 6 heads of one transformer block as whole [T, T] matrices, ~0.5 s in row blocks).
     */
    static final long ATTENTION_BATCH_BYTES = 8L << 20;

    private VitOps() {
    }

    /** One transformer block: the output for input {@code x}, with intermediates in x's manager. */
    interface Block {
        NDArray apply(int index, NDArray x);
    }

    /**
     * Checks a [3, Z, H, W] extractor input.
     *
     * @return the token grid {gridH, gridW}
     * @throws IllegalArgumentException for another channel count or sides that are not multiples of {@code patch}
     */
    static int[] tokenGrid(ImageStack series, int patch, String network) {
        if (series.channels() != 3) {
            throw new IllegalArgumentException(network + " takes 3 channels, got " + series.channels());
        }
        if (series.height() % patch != 0 || series.width() % patch != 0) {
            throw new IllegalArgumentException(network + " input " + series.height() + "x" + series.width()
                    + " is not a multiple of " + patch);
        }
        return new int[] {series.height() / patch, series.width() / patch};
    }

    /**
     * Runs {@code count} blocks on x (owned by {@code scope}); each block's input and intermediates are freed when
     * it ends.
     *
     * @return the last block's output, owned by {@code scope}
     */
    static NDArray blocks(NDManager scope, NDArray x, int count, Block block) {
        NDArray current = x;
        for (int i = 0; i < count; i++) {
            try (NDManager bm = scope.newSubManager()) {
                current.attach(bm); // the block input dies with the block's intermediates
                NDArray y = block.apply(i, current);
                y.attach(scope);
                current = y;
            }
        }
        return current;
    }

    /**
     * The final LayerNorm of the patch tokens of x [Z, prefix + gh·gw, E] (prefix tokens dropped) as one block of
     * features [E, Z, gh, gw].
     */
    static List<FeatureMaps> patchFeatures(NDArray x, int prefix, NDArray normWeight, NDArray normBias, float eps,
            int gh, int gw) {
        Shape s = x.getShape();
        int z = (int) s.get(0);
        int embed = (int) s.get(2);
        NDArray patches = x.get(new NDIndex(":, " + prefix + ":, :"));
        NDArray normed = LayerNorm.layerNorm(patches, new Shape(embed), normWeight, normBias, eps)
                .singletonOrThrow();
        float[] values = normed.transpose(2, 0, 1).toFloatArray(); // [E, Z, N]
        return List.of(FeatureMaps.ofFloats(embed, z, gh, gw, values));
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
     * shape: all at once when the score matrices take at most {@code batchBytes}, else per plane and head in blocks
     * of query rows whose scores take at most that (at least one row); intermediates live in {@code bm}. The paths
     * agree to float32 rounding (libtorch may sum a product in another order for another block height).
     */
    static NDArray attention(NDArray q, NDArray k, NDArray v, NDManager bm, long batchBytes) {
        Shape s = q.getShape();
        int z = (int) s.get(0);
        int heads = (int) s.get(1);
        int t = (int) s.get(2);
        long rowBytes = 4L * t;
        if (rowBytes * z * heads * t <= batchBytes) {
            return q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v);
        }
        int rows = (int) Math.max(1, Math.min(t, batchBytes / rowBytes));
        NDList planes = new NDList(z);
        for (int p = 0; p < z; p++) {
            NDList perHead = new NDList(heads);
            for (int h = 0; h < heads; h++) {
                try (NDManager hm = bm.newSubManager()) {
                    NDIndex idx = new NDIndex(p, h);
                    NDArray qh = q.get(hm, idx);
                    NDArray kt = k.get(hm, idx).transpose(1, 0);
                    NDArray vh = v.get(hm, idx);
                    NDList blocks = new NDList((t + rows - 1) / rows);
                    for (int from = 0; from < t; from += rows) {
                        try (NDManager rm = hm.newSubManager()) {
                            int to = Math.min(t, from + rows);
                            NDArray qb = rows == t ? qh : qh.get(rm, new NDIndex(from + ":" + to));
                            NDArray scores = qb.matMul(kt);
                            NDArray weights = scores.softmax(-1);
                            scores.close(); // free before the next product allocates
                            NDArray out = weights.matMul(vh); // [rows, D]
                            out.attach(hm);
                            blocks.add(out);
                        }
                    }
                    NDArray out = blocks.size() == 1 ? blocks.head() : NDArrays.concat(blocks, 0); // [T, D]
                    out.attach(bm);
                    perHead.add(out);
                }
            }
            planes.add(NDArrays.stack(perHead, 0));
        }
        return NDArrays.stack(planes, 0);
    }
}
