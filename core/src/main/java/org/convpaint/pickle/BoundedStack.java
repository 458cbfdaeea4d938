package org.convpaint.pickle;

import java.util.ArrayList;
import java.util.List;

import net.razorvine.pickle.UnpickleStack;

/**
 * The pickle VM's stack with a size limit and without Pyrolite's {@code trimToSize} calls (which copy the whole stack
 * on every {@code POP_MARK}). Popping a mark takes time proportional to the items above it. Also counts every value
 * pushed, against {@link PickleLimits#MAX_VALUES}. Not thread-safe.
 */
final class BoundedStack extends UnpickleStack {
    private static final long serialVersionUID = 1L;

    private final ArrayList<Object> items = new ArrayList<>();
    private final int maxSize;
    private long pushed;

    BoundedStack(int maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    public void add(Object o) {
        if (items.size() >= maxSize) {
            throw PickleRejection.invalid("the pickle stack grows beyond " + maxSize + " entries; this is not a "
                    + "model file");
        }
        if (++pushed > PickleLimits.MAX_VALUES) {
            throw PickleRejection.invalid("the pickle creates more than " + PickleLimits.MAX_VALUES + " values");
        }
        items.add(o);
    }

    @Override
    public void add_mark() {
        add(MARKER);
    }

    @Override
    public Object pop() {
        if (items.isEmpty()) {
            throw PickleRejection.invalid("an opcode needs more items than the pickle stack holds");
        }
        Object o = items.remove(items.size() - 1);
        if (o == MARKER) {
            throw PickleRejection.invalid("an opcode takes a MARK as its operand");
        }
        return o;
    }

    /** Removes the items above the topmost mark and the mark itself; returns the items in stack order. */
    @Override
    public List<Object> pop_all_since_marker() {
        int mark = items.lastIndexOf(MARKER);
        if (mark < 0) {
            throw PickleRejection.invalid("an opcode needs a MARK but the pickle stack has none");
        }
        List<Object> above = items.subList(mark + 1, items.size());
        List<Object> result = new ArrayList<>(above);
        above.clear();
        items.remove(mark);
        return result;
    }

    @Override
    public Object peek() {
        if (items.isEmpty()) {
            throw PickleRejection.invalid("an opcode needs an item but the pickle stack is empty");
        }
        Object o = items.get(items.size() - 1);
        if (o == MARKER) {
            throw PickleRejection.invalid("an opcode takes a MARK as its operand");
        }
        return o;
    }

    @Override
    public void trim() {
        // nothing: the whole point of this class
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public void clear() {
        items.clear();
    }
}
