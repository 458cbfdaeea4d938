package org.convpaint.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Checks that partial results cover every buffer of every group of a layout exactly once, and puts them in buffer
 * order: what makes combining partials computed anywhere, in any order, equal to one pass on one machine.
 * Stateless.
 */
final class Coverage {
    private Coverage() {
    }

    /**
     * The parts of each group, in the order given.
     *
     * @param what  what the parts are, for messages (e.g. "value sums")
     * @param range the buffers a part covers
     * @throws IllegalArgumentException if a part is null or outside the layout
     */
    static <P> List<List<P>> byGroup(GroupLayout layout, Collection<P> parts, String what,
            Function<P, BufferRange> range) {
        List<List<P>> groups = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            groups.add(new ArrayList<>());
        }
        for (P p : parts) {
            if (p == null) {
                throw new IllegalArgumentException("a missing (null) part among the " + what);
            }
            BufferRange r = range.apply(p);
            if (r.group() >= layout.groups() || r.end() > layout.buffers()) {
                throw new IllegalArgumentException(what + " of " + r + " lie outside the layout: " + layout.groups()
                        + " groups of " + layout.buffers() + " buffers");
            }
            groups.get(r.group()).add(p);
        }
        return groups;
    }

    /**
     * The parts of group {@code g} in buffer order.
     *
     * @param parts parts of group {@code g} only
     * @throws IllegalArgumentException naming the group and buffers, if buffers are covered twice or not at all
     */
    static <P> List<P> ordered(GroupLayout layout, int g, Collection<P> parts, String what,
            Function<P, BufferRange> range) {
        List<P> group = new ArrayList<>(parts);
        group.sort(Comparator.comparingInt((P p) -> range.apply(p).first())
                .thenComparingInt(p -> range.apply(p).end()));
        int expected = 0;
        BufferRange previous = null;
        for (P p : group) {
            BufferRange r = range.apply(p);
            if (r.group() != g) {
                throw new IllegalArgumentException(what + " of " + r + " given for group " + g);
            }
            if (r.first() < expected) {
                throw new IllegalArgumentException(what + ": buffers [" + r.first() + ", "
                        + Math.min(expected, r.end()) + ") of group " + g + " are covered twice (by " + previous
                        + " and by " + r + ")");
            }
            if (r.first() > expected) {
                throw missing(what, g, expected, r.first(), layout);
            }
            expected = r.end();
            previous = r;
        }
        if (expected < layout.buffers()) {
            throw missing(what, g, expected, layout.buffers(), layout);
        }
        return group;
    }

    /**
     * The sums of group {@code g} in buffer order, checked to cover each of its buffers exactly once.
     *
     * @throws IllegalArgumentException as {@link #ordered}
     */
    static double[] groupSums(GroupLayout layout, int g, Collection<BufferSums> parts, String what) {
        double[] out = new double[layout.buffers()];
        for (BufferSums s : ordered(layout, g, parts, what, BufferSums::range)) {
            s.copyInto(out);
        }
        return out;
    }

    private static IllegalArgumentException missing(String what, int g, int from, int to, GroupLayout layout) {
        return new IllegalArgumentException(what + ": buffers [" + from + ", " + to + ") of group " + g
                + " are missing (the group has " + layout.buffers() + " buffers)");
    }
}
