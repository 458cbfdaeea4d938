package org.convpaint.pickle;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An instance of an allowed Python class, kept as plain data: the constructor arguments and the state given to
 * {@code BUILD}. Used for sklearn estimators, catboost's classifier and convpaint's {@code Param}.
 * Not thread-safe while the pickle is being read; effectively immutable afterwards.
 */
public final class PyInstance implements PyBuildable {
    private final String className;
    private final List<Object> args;
    private Object state;

    PyInstance(String className, Object[] args) {
        this.className = className;
        this.args = Collections.unmodifiableList(Arrays.asList(args == null ? new Object[0] : args.clone()));
    }

    /** {@code module.name} of the class. */
    public String className() {
        return className;
    }

    /** Arguments of {@code REDUCE}/{@code NEWOBJ}, possibly empty. Elements may be null (Python None). */
    public List<Object> args() {
        return args;
    }

    /** The state dict, or an empty map if the instance was not built with a dict. */
    @SuppressWarnings("unchecked")
    public Map<Object, Object> state() {
        return state instanceof Map ? Collections.unmodifiableMap((Map<Object, Object>) state) : Map.of();
    }

    /** The raw {@code BUILD} state (dict, tuple, or null). */
    public Object rawState() {
        return state;
    }

    @Override
    public void build(Object newState) {
        if (state instanceof Map<?, ?> current && newState instanceof Map<?, ?> added) {
            // a new dict: the earlier state may be shared with other objects and must not change (no cycles)
            Map<Object, Object> merged = new java.util.LinkedHashMap<>(current);
            merged.putAll(added);
            state = merged;
        } else {
            state = newState;
        }
    }

    @Override
    public String toString() {
        return className + " instance";
    }
}
