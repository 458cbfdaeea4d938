package org.convpaint.pickle;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python globals a {@link SafeUnpickler} may resolve, each mapped to its inert Java stand-in. Immutable and
 * thread-safe.
 */
public final class AllowList {
    private final Map<String, PyCallable> globals;

    private AllowList(Map<String, PyCallable> globals) {
        this.globals = Map.copyOf(globals);
    }

    /** An allow-list of exactly these callables. */
    public static AllowList of(Collection<? extends PyCallable> callables) {
        Map<String, PyCallable> m = new LinkedHashMap<>();
        for (PyCallable c : callables) {
            m.put(c.qualifiedName(), c);
        }
        return new AllowList(m);
    }

    /** numpy arrays, dtypes and scalars under both numpy 1.x ({@code numpy.core}) and 2.x ({@code numpy._core}). */
    public static List<PyCallable> numpy() {
        return Numpy.globals();
    }

    /** Everything a napari-convpaint {@code .pkl} may contain. */
    public static AllowList convpaintModel() {
        List<PyCallable> all = new java.util.ArrayList<>(numpy());
        for (String cls : List.of(
                "sklearn.ensemble._forest.RandomForestClassifier",
                "sklearn.tree._classes.DecisionTreeClassifier",
                "sklearn.tree._tree.Tree",
                "catboost.core.CatBoostClassifier",
                "napari_convpaint.param.Param",
                "napari_convpaint.conv_paint_param.Param")) {
            all.add(new PyClass(cls));
        }
        for (String opaque : List.of(
                "pandas.DataFrame", "pandas.core.frame.DataFrame",
                "pandas.core.internals.managers.BlockManager",
                "pandas._libs.internals._unpickle_block",
                "pandas.core.indexes.base._new_Index",
                "pandas.Index", "pandas.core.indexes.base.Index",
                "pandas.RangeIndex", "pandas.core.indexes.range.RangeIndex",
                "builtins.slice")) {
            all.add(Opaque.factory(opaque));
        }
        return of(all);
    }

    /** The stand-in for {@code module.name}, if allowed. */
    public Optional<PyCallable> resolve(String module, String name) {
        return Optional.ofNullable(globals.get(module + "." + name));
    }
}
