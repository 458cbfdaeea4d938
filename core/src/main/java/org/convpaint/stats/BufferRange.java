package org.convpaint.stats;

import java.io.Serializable;

/**
 * A unit of work of the statistics: buffers {@code [first, end)} of group {@code group} of a {@link GroupLayout},
 * i.e. that group's values {@code [first·8192, min(end·8192, groupSize))}. Immutable, serialisable.
 *
 * @param group the group
 * @param first the first buffer, at least 0
 * @param end   the buffer after the last one, above {@code first}
 */
public record BufferRange(int group, int first, int end) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException if the group or {@code first} is negative or the range is empty */
    public BufferRange {
        if (group < 0 || first < 0 || end <= first) {
            throw new IllegalArgumentException("not a range of buffers: group " + group + ", [" + first + ", "
                    + end + ")");
        }
    }

    /** Number of buffers. */
    public int buffers() {
        return end - first;
    }

    /** Position within the group of the first value. */
    public long firstValue() {
        return (long) first * Arithmetic.BUFFER;
    }

    /** Position within the group after the last value. */
    public long endValue(GroupLayout layout) {
        return Math.min((long) end * Arithmetic.BUFFER, layout.groupSize());
    }

    /** @throws IndexOutOfBoundsException if this range is not within {@code layout}'s groups and buffers */
    void checkWithin(GroupLayout layout) {
        layout.checkGroup(group);
        layout.checkBuffer(first, end);
    }

    @Override
    public String toString() {
        return "group " + group + " buffers [" + first + ", " + end + ")";
    }
}
