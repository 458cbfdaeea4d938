package org.convpaint.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * Cuts tensors out of their storages. First every requested tensor's element count is checked against the shape
 * the caller expects (before anything is read or allocated); then storages are read one at a time, each once, only
 * if a requested tensor uses it, and only the window {@code [first, last]} of elements those tensors touch. A
 * storage window is released as soon as its tensors are built. A tensor that is exactly its whole window in C order
 * takes over the window's array (no copy); other views are gathered element by element. Stateless.
 */
final class TensorAssembler {

    private TensorAssembler() {
    }

    /**
     * The tensors of {@code refs}, in the order of {@code refs}.
     *
     * @param expected the shape the caller needs for a tensor name, or null when any shape will do; a tensor with
     *                 more elements than its expected shape is refused before any storage is read
     */
    static Map<String, Tensor> assemble(Map<String, TensorRef> refs, StorageSource source, Path file,
            Function<String, int[]> expected) throws InvalidModelException, UnsupportedModelException, IOException {
        Map<String, List<String>> byStorage = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
            TensorRef t = e.getValue();
            checkSize("'" + e.getKey() + "'", t.shape(), t.numel(), expected.apply(e.getKey()), file);
            byStorage.computeIfAbsent(e.getValue().storage().key(), k -> new ArrayList<>()).add(e.getKey());
        }
        Map<String, Tensor> built = new LinkedHashMap<>();
        for (List<String> names : byStorage.values()) {
            StorageRef root = refs.get(names.get(0)).storage();
            if (!root.dtype().convertible()) {
                throw new UnsupportedModelException("tensor '" + names.get(0) + "' has dtype " + root.dtype()
                        + ", which cannot be converted to float32", file);
            }
            long from = Long.MAX_VALUE;
            long to = 0;
            long used = 0;
            for (String name : names) {
                TensorRef t = refs.get(name);
                if (t.numel() > 0) {
                    from = Math.min(from, t.rootOffset());
                    to = Math.max(to, t.rootEnd());
                    used += t.numel();
                }
            }
            float[] window = used == 0 ? new float[0] : source.read(root, from, to, used);
            boolean handedOut = false;
            for (String name : names) {
                TensorRef t = refs.get(name);
                float[] data;
                if (!handedOut && t.numel() > 0 && t.isContiguous() && t.rootOffset() == from
                        && t.numel() == window.length) {
                    data = window;
                    handedOut = true;
                } else {
                    data = gather(window, from, t);
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

    /**
     * Refuses a tensor with more elements than the {@code shape} the caller needs (null: no limit), before its data
     * is read; {@code shownName} is the name as the message shows it (quoted). Shared by both file layouts.
     */
    static void checkSize(String shownName, int[] actualShape, long numel, int[] shape, Path file)
            throws InvalidModelException {
        if (shape == null) {
            return;
        }
        long needed = 1;
        for (int s : shape) {
            needed *= s;
        }
        if (numel > needed) {
            throw new InvalidModelException("tensor " + shownName + " has shape " + Arrays.toString(actualShape)
                    + " (" + numel + " elements), more than the " + needed + " elements of the shape "
                    + Arrays.toString(shape) + " the network needs", file);
        }
    }

    /** The elements of {@code t} in C order from a whole root storage. */
    static float[] gather(float[] storage, TensorRef t) {
        return gather(storage, 0, t);
    }

    /**
     * The elements of {@code t} in C order from {@code window}, which holds root elements from {@code start} on
     * and covers {@code [t.rootOffset(), t.rootEnd())}; {@link TensorRef#of} guaranteed they lie inside the
     * storage.
     */
    static float[] gather(float[] window, long start, TensorRef t) {
        int n = t.numel();
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        int[] shape = t.shape();
        long base = t.rootOffset() - start;
        if (t.isContiguous()) {
            System.arraycopy(window, Math.toIntExact(base), out, 0, n);
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
                out[o + k] = window[(int) p];
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
