package org.convpaint.pickle;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Watches the object graph a pickle builds: counts containers, records each container's nesting depth, and refuses
 * self-references and cycles as they are made.
 *
 * <p>Cycles are refused by one rule: a container may be filled ({@code APPEND}, {@code SETITEMS}, {@code BUILD}, ...)
 * only until it is placed inside another container. Python's pickler always completes an object before it uses it as
 * an element, except when the object (indirectly) contains itself; so the rule accepts every acyclic pickle Python
 * writes and makes a cycle impossible (the last edge of a cycle would fill an object that is already placed). The
 * depth of a placed container therefore never changes, and a container's depth is one more than the deepest of its
 * elements, bounded by {@link PickleLimits#MAX_DEPTH}. One instance per input; not thread-safe.
 */
final class GraphGuard {
    private final Map<Object, Integer> depths = new IdentityHashMap<>();
    private final Set<Object> placed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final int maxContainers;
    private int containers;

    GraphGuard(long inputBytes) {
        this.maxContainers = PickleLimits.objectsAllowed(inputBytes);
    }

    /** Registers a new container built from {@code elements} (all placed inside it), returning the container. */
    <T> T created(T container, Object... elements) {
        if (++containers > maxContainers) {
            throw PickleRejection.invalid("the pickle builds more than " + maxContainers + " containers for its "
                    + "size; this is not a model file");
        }
        int depth = 1;
        for (Object e : elements) {
            depth = Math.max(depth, place(container, e) + 1);
        }
        setDepth(container, depth);
        return container;
    }

    /** Registers a new tuple: its elements are placed inside it. */
    Object[] tuple(Object[] t) {
        return created(t, (Object[]) t);
    }

    /** Registers a value computed from {@code args} (a callable's result): one level deeper than its arguments. */
    <T> T derived(T result, Object args) {
        if (isTracked(result)) {
            if (++containers > maxContainers) {
                throw PickleRejection.invalid("the pickle builds more than " + maxContainers + " objects for its size");
            }
            setDepth(result, Math.max(depthOf(result), depthOf(args) + 1));
        }
        return result;
    }

    /** Checks that {@code target} may still be filled, then records {@code elements} as placed inside it. */
    void filling(Object target, Iterable<?> elements) {
        requireOpen(target);
        int depth = depthOf(target);
        for (Object e : elements) {
            depth = Math.max(depth, place(target, e) + 1);
        }
        setDepth(target, depth);
    }

    /** Checks that {@code target} may still be filled. */
    void requireOpen(Object target) {
        if (placed.contains(target)) {
            throw PickleRejection.invalid("a " + kind(target) + " is modified after it was placed inside another "
                    + "object (a self-reference or cycle); model files hold no cycles");
        }
    }

    private int place(Object parent, Object child) {
        if (child == parent) {
            throw PickleRejection.invalid("a " + kind(parent) + " contains itself; model files hold no cycles");
        }
        if (!isTracked(child)) {
            return 0;
        }
        placed.add(child);
        return depthOf(child);
    }

    private void setDepth(Object o, int depth) {
        if (depth > PickleLimits.MAX_DEPTH) {
            throw PickleRejection.invalid("objects are nested more than " + PickleLimits.MAX_DEPTH
                    + " levels deep; this is not a model file");
        }
        depths.put(o, depth);
    }

    private int depthOf(Object o) {
        return isTracked(o) ? depths.getOrDefault(o, 1) : 0;
    }

    /** Scalars (None, bool, numbers, strings, bytes) are leaves; everything else may hold references. */
    static boolean isTracked(Object o) {
        return !(o == null || o instanceof String || o instanceof Number || o instanceof Boolean
                || o instanceof byte[]);
    }

    private static String kind(Object o) {
        if (o instanceof java.util.List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof Set) {
            return "set";
        }
        return o instanceof Object[] ? "tuple" : "object";
    }
}
