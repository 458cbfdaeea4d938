package org.convpaint.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * Cuts tensors out of their storages. Storages are read one at a time, each once, and only if a requested tensor
 * uses it; a storage is released as soon as its tensors are built. A tensor that is exactly its whole storage
 * in C order takes over the storage's array (no copy); other views are gathered element by element. Stateless.
 */
final class TensorAssembler {

    private TensorAssembler() {
    }

    /** The tensors of {@code refs}, in the order of {@code refs}. */
    static Map<String, Tensor> assemble(Map<String, TensorRef> refs, StorageSource source, Path file)
            throws InvalidModelException, UnsupportedModelException, IOException {
        Map<String, List<String>> byStorage = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
            byStorage.computeIfAbsent(e.getValue().storage().key(), k -> new ArrayList<>()).add(e.getKey());
        }
        Map<String, Tensor> built = new LinkedHashMap<>();
        for (List<String> names : byStorage.values()) {
            StorageRef root = refs.get(names.get(0)).storage();
            if (!root.dtype().convertible()) {
                throw new UnsupportedModelException("tensor '" + names.get(0) + "' has dtype " + root.dtype()
                        + ", which cannot be converted to float32", file);
            }
            float[] storage = source.read(root);
            boolean handedOut = false;
            for (String name : names) {
                TensorRef t = refs.get(name);
                float[] data;
                if (!handedOut && t.isContiguous() && t.rootOffset() == 0 && t.numel() == storage.length) {
                    data = storage;
                    handedOut = true;
                } else {
                    data = gather(storage, t);
                }
                built.put(name, new Tensor(name, t.shape(), data));
            }
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (String name : refs.keySet()) {
            ordered.put(name, built.get(name));
        }
        return ordered;
    }

    /** The elements of {@code t} in C order; {@link TensorRef#of} guaranteed they lie inside the storage. */
    static float[] gather(float[] storage, TensorRef t) {
        int n = t.numel();
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        int[] shape = t.shape();
        long base = t.rootOffset();
        if (t.isContiguous()) {
            System.arraycopy(storage, Math.toIntExact(base), out, 0, n);
            return out;
        }
        int rank = shape.length;
        int inner = shape[rank - 1];
        long innerStride = t.stride(rank - 1);
        int[] index = new int[rank];
        long pos = base;
        for (int o = 0; o < n; o += inner) {
            long p = pos;
            for (int k = 0; k < inner; k++, p += innerStride) {
                out[o + k] = storage[(int) p];
            }
            for (int d = rank - 2; d >= 0; d--) {
                pos += t.stride(d);
                if (++index[d] < shape[d]) {
                    break;
                }
                pos -= shape[d] * t.stride(d);
                index[d] = 0;
            }
        }
        return out;
    }
}
