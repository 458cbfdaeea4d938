package org.convpaint.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the groups of a {@link GroupLayout} into {@link BufferRange}s that a driver hands out: every plan covers
 * every buffer of every group exactly once, ranges listed by group, then by buffer. Stateless.
 */
public final class BufferPlan {
    private BufferPlan() {
    }

    /** One range per group, covering all its buffers (what {@code Normalization.of} computes on one machine). */
    public static List<BufferRange> whole(GroupLayout layout) {
        return split(layout, 1);
    }

    /**
     * Each group cut into {@code min(parts, buffers)} ranges of consecutive buffers whose sizes differ by at most
     * one buffer.
     *
     * @throws IllegalArgumentException if {@code parts < 1}
     */
    public static List<BufferRange> split(GroupLayout layout, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        int buffers = layout.buffers();
        int n = Math.min(parts, buffers);
        List<BufferRange> out = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            for (int i = 0; i < n; i++) {
                out.add(new BufferRange(g, (int) ((long) buffers * i / n), (int) ((long) buffers * (i + 1) / n)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Each group cut along bands of {@code rows} rows (the group's rows counted over z, then y): a buffer goes to
     * the band holding its first value, so a range reads its band's rows from its first buffer on, and at most
     * 8191 values past the band's end. Bands in which no buffer starts (bands narrower than a buffer) get no range.
     *
     * @throws IllegalArgumentException if {@code rows < 1}
     */
    public static List<BufferRange> rowBands(GroupLayout layout, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        long groupRows = layout.groupSize() / layout.width();
        List<BufferRange> out = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            int first = 0;
            for (long r = rows; first < layout.buffers(); r += rows) {
                int end = r >= groupRows ? layout.buffers() : firstBufferFrom(r * layout.width());
                if (end > first) {
                    out.add(new BufferRange(g, first, end));
                    first = end;
                }
            }
        }
        return List.copyOf(out);
    }

    /** The first buffer starting at or after value {@code position}. */
    private static int firstBufferFrom(long position) {
        return (int) ((position + Arithmetic.BUFFER - 1) / Arithmetic.BUFFER);
    }
}
