package org.convpaint.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;
import org.convpaint.stats.StatisticsImages.Spread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Partial results that do not cover every buffer exactly once, or do not belong together, are refused with a
 * message naming the group and the buffers; partials survive being shipped (Java serialisation) unchanged.
 */
class BufferSumsCoverageTest {
    /** 2 channels of 100 × 100: 2 groups of 2 buffers each for normalize 2 (10 000 values per channel). */
    private final ImageStack image = StatisticsImages.random(PixelType.UINT16, 2, 1, 100, 100, Spread.LARGE, 5);
    private final GroupLayout layout = GroupLayout.of(SourceStack.of(image), 2);
    private final TimepointValues values = TimepointValues.of(SourceStack.of(image));

    private List<BufferSums> valueSums(List<BufferRange> ranges) {
        List<BufferSums> out = new ArrayList<>();
        for (BufferRange r : ranges) {
            out.add(BufferSums.values(values, layout, r));
        }
        return out;
    }

    private List<BufferSums> oneBufferEach() {
        return valueSums(BufferPlan.split(layout, 2));
    }

    private static void assertRefused(String expected, Executable combine) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, combine);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    }

    @Test
    void aMissingRangeIsRefusedNamingItsBuffers() {
        List<BufferSums> parts = oneBufferEach();
        assertEquals(4, parts.size());
        parts.remove(3);
        assertRefused("value sums: buffers [1, 2) of group 1 are missing (the group has 2 buffers)",
                () -> GroupMeans.combine(layout, parts));
        List<BufferSums> firstMissing = oneBufferEach();
        firstMissing.remove(0);
        assertRefused("buffers [0, 1) of group 0 are missing", () -> GroupMeans.combine(layout, firstMissing));
    }

    @Test
    void aMissingGroupIsRefused() {
        List<BufferSums> parts = valueSums(List.of(new BufferRange(0, 0, 2)));
        assertRefused("buffers [0, 2) of group 1 are missing", () -> GroupMeans.combine(layout, parts));
    }

    @Test
    void aDuplicatedRangeIsRefusedNamingBothCopies() {
        List<BufferSums> parts = oneBufferEach();
        parts.add(parts.get(2));
        assertRefused("value sums: buffers [0, 1) of group 1 are covered twice (by group 1 buffers [0, 1) and by "
                + "group 1 buffers [0, 1))", () -> GroupMeans.combine(layout, parts));
    }

    @Test
    void overlappingRangesAreRefused() {
        List<BufferSums> parts = valueSums(List.of(new BufferRange(0, 0, 2), new BufferRange(1, 0, 2),
                new BufferRange(0, 1, 2)));
        assertRefused("buffers [1, 2) of group 0 are covered twice", () -> GroupMeans.combine(layout, parts));
    }

    @Test
    void rangesOutsideTheLayoutAreRefused() {
        BufferSums foreign = new BufferSums(2, 0, new double[] {1.0}, false, 0.0);
        List<BufferSums> parts = oneBufferEach();
        parts.add(foreign);
        assertRefused("value sums of group 2 buffers [0, 1) lie outside the layout: 2 groups of 2 buffers",
                () -> GroupMeans.combine(layout, parts));
        assertThrows(IndexOutOfBoundsException.class,
                () -> BufferSums.values(values, layout, new BufferRange(0, 1, 3)));
    }

    @Test
    void deviationsFromAnotherCenterAreRefused() {
        GroupMeans means = GroupMeans.combine(layout, oneBufferEach());
        List<BufferSums> parts = new ArrayList<>();
        for (BufferRange r : BufferPlan.whole(layout)) {
            parts.add(BufferSums.deviations(values, layout, r, means));
        }
        GroupStatistics good = GroupStatistics.combine(means, parts);
        assertEquals(GroupStatistics.of(values, layout), good);
        parts.set(1, BufferSums.deviations(values, layout, new BufferRange(1, 0, 2), means.center(1) + 1));
        assertRefused("were taken from another center than group 1's", () -> GroupStatistics.combine(means, parts));
    }

    @Test
    void sumsOfTheWrongPassAreRefused() {
        GroupMeans means = GroupMeans.combine(layout, oneBufferEach());
        assertRefused("value sums (value sums of group 0 buffers [0, 1)) given as sums of squared deviations",
                () -> GroupStatistics.combine(means, oneBufferEach()));
        List<BufferSums> deviations = new ArrayList<>();
        for (BufferRange r : BufferPlan.whole(layout)) {
            deviations.add(BufferSums.deviations(values, layout, r, means));
        }
        assertRefused("given as value sums", () -> GroupMeans.combine(layout, deviations));
    }

    @Test
    void aMissingRangeCheckPartIsRefused() {
        List<ValueExtremes> parts = new ArrayList<>();
        for (BufferRange r : BufferPlan.split(layout, 2)) {
            parts.add(ValueExtremes.of(values, layout, r));
        }
        parts.remove(1);
        assertRefused("value extremes: buffers [1, 2) of group 0 are missing",
                () -> ValueExtremes.withinUnitInterval(layout, parts));
        parts.add(parts.get(0));
        assertRefused("value extremes: buffers [0, 1) of group 0 are covered twice",
                () -> ValueExtremes.withinUnitInterval(layout, parts));
    }

    @Test
    void meansOfAnotherLayoutAreRefused() {
        GroupMeans means = GroupMeans.combine(layout, oneBufferEach());
        GroupLayout perPlane = GroupLayout.of(SourceStack.of(image), 3);
        assertRefused("given for", () -> BufferSums.deviations(values, perPlane, new BufferRange(0, 0, 2), means));
        ImageStack other = StatisticsImages.random(PixelType.UINT8, 2, 1, 100, 100, Spread.LARGE, 5);
        assertRefused("do not match", () -> BufferSums.values(TimepointValues.of(SourceStack.of(other)), layout,
                new BufferRange(0, 0, 1)));
    }

    @Test
    void partialsArriveUnchangedAfterSerialisation() throws IOException, ClassNotFoundException {
        List<BufferSums> parts = oneBufferEach();
        GroupMeans means = GroupMeans.combine(layout, parts);
        List<Object> shipped = List.of(layout, parts.get(3), means, new BufferRange(1, 0, 2),
                ValueExtremes.of(values, layout, new BufferRange(1, 1, 2)), GroupStatistics.of(values, layout));
        for (Object o : shipped) {
            assertEquals(o, roundTrip(o));
        }
        BufferSums back = (BufferSums) roundTrip(parts.get(3));
        assertEquals(Double.doubleToRawLongBits(parts.get(3).sum(0)), Double.doubleToRawLongBits(back.sum(0)));
    }

    @Test
    void valuesAreImmutable() {
        BufferSums s = oneBufferEach().get(0);
        double before = s.sum(0);
        s.sums()[0] = -1;
        assertEquals(before, s.sum(0));
        double[] given = {1, 2};
        BufferSums made = new BufferSums(0, 0, given, false, 0);
        given[0] = 7;
        assertEquals(1, made.sum(0));
        assertThrows(IllegalArgumentException.class, () -> new BufferSums(0, 0, new double[0], false, 0));
        assertThrows(IllegalArgumentException.class, () -> new BufferSums(0, 0, new double[1], false, 1.5));
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
