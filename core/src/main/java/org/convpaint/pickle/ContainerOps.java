package org.convpaint.pickle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.UnpickleStack;

/**
 * The container opcodes of the pickle VM (tuples, lists, dicts, sets and their fill opcodes, {@code POP_MARK}),
 * each in time proportional to its items, each reporting to a {@link GraphGuard}. Dict keys and set elements must be
 * scalars. Stateless.
 */
final class ContainerOps {
    private ContainerOps() {
    }

    /** Executes {@code key} if it is a container opcode; returns false for any other opcode. */
    static boolean dispatch(short key, UnpickleStack stack, GraphGuard graph) {
        switch (key) {
            case Opcodes.POP_MARK -> stack.pop_all_since_marker();
            case Opcodes.EMPTY_TUPLE -> stack.add(graph.tuple(new Object[0]));
            case Opcodes.TUPLE -> stack.add(graph.tuple(stack.pop_all_since_marker().toArray()));
            case Opcodes.TUPLE1 -> stack.add(graph.tuple(popN(stack, 1)));
            case Opcodes.TUPLE2 -> stack.add(graph.tuple(popN(stack, 2)));
            case Opcodes.TUPLE3 -> stack.add(graph.tuple(popN(stack, 3)));
            case Opcodes.EMPTY_LIST -> stack.add(graph.created(new ArrayList<>()));
            case Opcodes.LIST -> {
                List<Object> items = stack.pop_all_since_marker();
                stack.add(graph.created(new ArrayList<>(items), items.toArray()));
            }
            case Opcodes.EMPTY_DICT -> stack.add(graph.created(new LinkedHashMap<>()));
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> map = graph.created(new LinkedHashMap<>());
                graph.filling(map, items);
                stack.add(putPairs(map, items));
            }
            case Opcodes.EMPTY_SET -> stack.add(graph.created(new HashSet<>()));
            case Opcodes.FROZENSET -> {
                List<Object> items = stack.pop_all_since_marker();
                stack.add(graph.created(addScalars(new HashSet<>(), items), items.toArray()));
            }
            case Opcodes.ADDITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Set<?> target)) {
                    throw PickleRejection.invalid("ADDITEMS on a non-set");
                }
                graph.filling(target, items);
                @SuppressWarnings("unchecked")
                Set<Object> set = (Set<Object>) target;
                addScalars(set, items);
            }
            case Opcodes.APPEND -> appendAll(stack, graph, Collections.singletonList(stack.pop()));
            case Opcodes.APPENDS -> appendAll(stack, graph, stack.pop_all_since_marker());
            case Opcodes.SETITEM -> {
                Object value = stack.pop();
                Object k = stack.pop();
                setItems(stack, graph, Arrays.asList(k, value));
            }
            case Opcodes.SETITEMS -> setItems(stack, graph, stack.pop_all_since_marker());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void appendAll(UnpickleStack stack, GraphGuard graph, List<Object> items) {
        if (!(stack.peek() instanceof List<?> target)) {
            throw PickleRejection.invalid("APPEND on a non-list (" + SafeUnpickler.typeName(stack.peek()) + ")");
        }
        graph.filling(target, items);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        list.addAll(items);
    }

    private static void setItems(UnpickleStack stack, GraphGuard graph, List<Object> items) {
        if (!(stack.peek() instanceof Map<?, ?> target)) {
            throw PickleRejection.invalid("SETITEMS on a non-dict (" + SafeUnpickler.typeName(stack.peek()) + ")");
        }
        graph.filling(target, items);
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) target;
        putPairs(map, items);
    }

    private static Object[] popN(UnpickleStack stack, int n) {
        Object[] t = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            t[i] = stack.pop();
        }
        return t;
    }

    private static Map<Object, Object> putPairs(Map<Object, Object> map, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw PickleRejection.invalid("odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            map.put(SafeUnpickler.requireScalar(items.get(i), "a dict key"), items.get(i + 1));
        }
        return map;
    }

    private static Set<Object> addScalars(Set<Object> set, List<Object> items) {
        for (Object o : items) {
            set.add(SafeUnpickler.requireScalar(o, "a set element"));
        }
        return set;
    }
}
