package org.convpaint.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plans cover every buffer of every group exactly once, in order, and cut where they promise to. */
class BufferPlanTest {
    private static final GroupLayout[] LAYOUTS = {
        new GroupLayout(PixelType.UINT8, 1, 1, 7, 9, false),
        new GroupLayout(PixelType.FLOAT32, 3, 4, 100, 100, false),
        new GroupLayout(PixelType.FLOAT32, 3, 4, 100, 100, true),
        new GroupLayout(PixelType.INT16, 2, 1, 128, 64, true),
        new GroupLayout(PixelType.FLOAT16, 1, 2, 1000, 3, false)};

    static void assertCoversEveryBufferOnceInOrder(GroupLayout layout, List<BufferRange> plan) {
        int i = 0;
        for (int g = 0; g < layout.groups(); g++) {
            int expected = 0;
            while (expected < layout.buffers()) {
                BufferRange r = plan.get(i++);
                assertEquals(g, r.group(), "group of " + r);
                assertEquals(expected, r.first(), "start of " + r);
                expected = r.end();
            }
            assertEquals(layout.buffers(), expected);
        }
        assertEquals(plan.size(), i, "no more ranges");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 1000})
    void splitCutsEachGroupIntoNearlyEqualRanges(int parts) {
        for (GroupLayout layout : LAYOUTS) {
            List<BufferRange> plan = BufferPlan.split(layout, parts);
            assertCoversEveryBufferOnceInOrder(layout, plan);
            assertEquals(layout.groups() * Math.min(parts, layout.buffers()), plan.size());
            int min = plan.stream().mapToInt(BufferRange::buffers).min().orElseThrow();
            int max = plan.stream().mapToInt(BufferRange::buffers).max().orElseThrow();
            assertTrue(max - min <= 1, layout + ": " + plan);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 82, 100, 5000})
    void rowBandsStartEachRangeInItsBand(int rows) {
        for (GroupLayout layout : LAYOUTS) {
            List<BufferRange> plan = BufferPlan.rowBands(layout, rows);
            assertCoversEveryBufferOnceInOrder(layout, plan);
            long bandValues = (long) rows * layout.width();
            for (BufferRange r : plan) {
                long band = r.firstValue() / bandValues;
                // every buffer of the range starts in the same band; the last may end up to 8191 values later
                assertEquals(band, ((long) (r.end() - 1) * Arithmetic.BUFFER) / bandValues, layout + " " + r);
            }
        }
    }

    @Test
    void wholeIsOneRangePerGroup() {
        GroupLayout layout = LAYOUTS[2];
        List<BufferRange> plan = BufferPlan.whole(layout);
        assertEquals(12, plan.size());
        assertEquals(new BufferRange(5, 0, 2), plan.get(5));
    }

    @Test
    void layoutsCountBuffersAndGroups() {
        GroupLayout perChannel = LAYOUTS[1];
        assertEquals(3, perChannel.groups());
        assertEquals(40_000, perChannel.groupSize());
        assertEquals(5, perChannel.buffers());
        assertEquals(40_000 - 4 * 8192, perChannel.bufferLength(4));
        assertEquals(80_000, perChannel.offset(2));
        assertEquals(2, perChannel.group(2, 3));
        GroupLayout perPlane = LAYOUTS[2];
        assertEquals(12, perPlane.groups());
        assertEquals(11, perPlane.group(2, 3));
        assertEquals(2, perPlane.channel(11));
        assertEquals(1, LAYOUTS[0].buffers());
        assertEquals(63, LAYOUTS[0].bufferLength(0));
        // a plane of exactly one buffer
        assertEquals(1, LAYOUTS[3].buffers());
        assertEquals(8192, LAYOUTS[3].bufferLength(0));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BufferPlan.split(LAYOUTS[0], 0));
        assertThrows(IllegalArgumentException.class, () -> BufferPlan.rowBands(LAYOUTS[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new BufferRange(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new BufferRange(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GroupLayout(PixelType.UINT8, 0, 1, 1, 1, false));
        assertThrows(IndexOutOfBoundsException.class, () -> LAYOUTS[0].bufferLength(1));
    }
}
