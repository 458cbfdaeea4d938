package org.convpaint.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * Finds the dict of tensors in the object a weights file holds. Rule:
 * <ol>
 * <li>the root must be a dict; an empty dict is an empty state dict;</li>
 * <li>if the dict has tensor values, those entries are the state dict (entries of other types — numbers,
 * strings, nested dicts — are ignored);</li>
 * <li>otherwise, among its values that are dicts holding tensors (at any depth): if there is one, the rule is
 * applied to it; if there are several, the first of the keys {@link #PREFERRED} that is present is taken
 * ({@code {'teacher': …, 'student': …}} gives the teacher), else the file is refused as ambiguous.</li>
 * </ol>
 * Tensor names are the keys of the chosen dict, without the path that led to it. Stateless.
 */
final class StateDicts {
    /** Keys under which checkpoints keep the weights, most specific first. */
    static final List<String> PREFERRED = List.of("state_dict", "model_state_dict", "model", "teacher", "module");

    private static final int MAX_DEPTH = 8;

    private StateDicts() {
    }

    /** The named tensors of {@code root} in dict order. */
    static Map<String, TensorRef> select(Object root, Path file) throws InvalidModelException,
            UnsupportedModelException {
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidModelException("holds a " + describe(root) + ", not a dict of tensors (a state_dict); "
                    + "not a PyTorch weights file", file);
        }
        return select(map, "", 0, file);
    }

    private static Map<String, TensorRef> select(Map<?, ?> map, String path, int depth, Path file)
            throws InvalidModelException, UnsupportedModelException {
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof TensorRef t) {
                if (!(e.getKey() instanceof String name)) {
                    throw new InvalidModelException("a tensor" + where(path) + " has a key that is not a string ("
                            + e.getKey() + ")", file);
                }
                tensors.put(name, t);
            }
        }
        if (!tensors.isEmpty() || map.isEmpty()) {
            return tensors;
        }
        List<Object> nested = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (holdsTensors(e.getValue(), depth + 1, Collections.newSetFromMap(new IdentityHashMap<>()))) {
                nested.add(e.getKey());
            }
        }
        if (nested.isEmpty()) {
            throw new InvalidModelException("holds no tensors" + where(path) + " (keys " + map.keySet()
                    + "); not a PyTorch weights file", file);
        }
        Object key = nested.get(0);
        if (nested.size() > 1) {
            key = PREFERRED.stream().filter(nested::contains).findFirst().orElseThrow(
                    () -> new UnsupportedModelException("holds several dicts of tensors" + where(path) + " ("
                            + nested + ") and none is named one of " + PREFERRED + "; cannot tell which are the "
                            + "weights", file));
        }
        return select((Map<?, ?>) map.get(key), path + "['" + key + "']", depth + 1, file);
    }

    /** Whether {@code o} is a dict with a tensor at most {@link #MAX_DEPTH} levels down (cycles are cut). */
    private static boolean holdsTensors(Object o, int depth, Set<Object> seen) {
        if (!(o instanceof Map<?, ?> m) || depth > MAX_DEPTH || !seen.add(m)) {
            return false;
        }
        for (Object v : m.values()) {
            if (v instanceof TensorRef || holdsTensors(v, depth + 1, seen)) {
                return true;
            }
        }
        return false;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : " under " + path;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof TensorRef) {
            return "single tensor";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        return o.getClass().getSimpleName();
    }
}
