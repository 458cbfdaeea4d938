package org.convpaint.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;
import org.convpaint.model.ChannelMode;
import org.convpaint.pipeline.Normalization;
import org.convpaint.stats.StatisticsImages.Spread;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistics computed range by range — in any order, from an in-memory stack or read row by row from an image
 * source — and combined on a "driver" equal {@link Normalization#of}'s bit for bit, for every pixel type, both
 * group layouts, groups smaller than a buffer, of whole buffers and of a short last buffer, and many splits.
 */
class DistributedStatisticsTest {
    /** C, Z, H, W: groups of 63 values, 10 000 (normalize 2: 20 000), 8256, 26 481, 8192 exactly, 75 000. */
    private static final int[][] SHAPES = {{1, 1, 7, 9}, {2, 1, 100, 100}, {3, 2, 64, 129}, {1, 3, 91, 97},
        {2, 1, 128, 64}, {1, 1, 300, 250}};

    static Stream<Arguments> zscoreCases() {
        List<Arguments> out = new ArrayList<>();
        for (PixelType t : PixelType.values()) {
            for (int normalize : new int[] {2, 3}) {
                out.add(Arguments.of(t, normalize, Spread.OFFSET));
                out.add(Arguments.of(t, normalize, Spread.LARGE));
                if (t.isFloating()) {
                    out.add(Arguments.of(t, normalize, Spread.NAN));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} normalize {1} {2}")
    @MethodSource("zscoreCases")
    void distributedStatisticsEqualNormalizationOfBitForBit(PixelType type, int normalize, Spread spread) {
        long seed = type.ordinal() * 1000L + normalize * 100L + spread.ordinal() * 10L;
        for (int[] s : SHAPES) {
            ImageStack image = StatisticsImages.random(type, s[0], s[1], s[2], s[3], spread, seed++);
            ChannelMode mode = s[0] == 1 ? ChannelMode.SINGLE : ChannelMode.MULTI;
            Normalization local = Normalization.of(image, normalize, NormMode.DEFAULT, mode);
            GroupStatistics expected = local.statistics().orElseThrow();
            GroupLayout layout = GroupLayout.of(SourceStack.of(image), normalize);
            assertEquals(layout, expected.layout());
            ImageStack normalised = local.apply(image);
            Random random = new Random(seed);
            int i = 0;
            for (Map.Entry<String, List<BufferRange>> split : splits(layout, random).entrySet()) {
                TimepointValues values = values(image, i++);
                String what = type + " " + layout + " " + split.getKey();
                GroupStatistics actual = distributed(values, layout, split.getValue(), random);
                assertSameStatistics(expected, actual, what);
                if (i == 1 || split.getKey().startsWith("one buffer")) {
                    assertSameValues(normalised, Normalization.fromStatistics(actual).apply(image), what);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Spread.class)
    void distributedRangeCheckEqualsNormalizationOf(Spread spread) {
        long seed = 77 + spread.ordinal();
        for (PixelType type : new PixelType[] {PixelType.FLOAT32, PixelType.FLOAT64}) {
            for (int[] s : new int[][] {{3, 1, 7, 9}, {3, 2, 64, 129}, {3, 1, 100, 150}}) {
                ImageStack image = StatisticsImages.random(type, s[0], s[1], s[2], s[3], spread, seed++);
                Normalization local = Normalization.of(image, 2, NormMode.IMAGENET, ChannelMode.RGB);
                ImageStack normalised = local.apply(image);
                for (int normalize : new int[] {2, 3}) {
                    GroupLayout layout = GroupLayout.of(SourceStack.of(image), normalize);
                    Random random = new Random(seed);
                    int i = 0;
                    for (Map.Entry<String, List<BufferRange>> split : splits(layout, random).entrySet()) {
                        TimepointValues values = values(image, i++);
                        List<ValueExtremes> parts = new ArrayList<>();
                        for (BufferRange r : shuffled(split.getValue(), random)) {
                            parts.add(ValueExtremes.of(values, layout, r));
                        }
                        boolean within = ValueExtremes.withinUnitInterval(layout, parts);
                        String what = type + " " + layout + " " + split.getKey();
                        assertEquals(!local.isIdentity(), within, what);
                        if (i == 1 && normalize == 2) {
                            assertSameValues(normalised, Normalization.fromRangeCheck(type, 3, within).apply(image),
                                    what);
                        }
                    }
                }
            }
        }
    }

    /** Two passes over the ranges, each computed in a shuffled order, combined as a driver would. */
    static GroupStatistics distributed(TimepointValues values, GroupLayout layout, List<BufferRange> ranges,
            Random random) {
        List<BufferSums> first = new ArrayList<>();
        for (BufferRange r : shuffled(ranges, random)) {
            first.add(BufferSums.values(values, layout, r));
        }
        GroupMeans means = GroupMeans.combine(layout, first);
        List<BufferSums> second = new ArrayList<>();
        for (BufferRange r : shuffled(ranges, random)) {
            second.add(BufferSums.deviations(values, layout, r, means));
        }
        return GroupStatistics.combine(means, shuffled(second, random));
    }

    /** Whole groups, halves, single buffers, row bands of 1 and 17 rows, random cuts. */
    static Map<String, List<BufferRange>> splits(GroupLayout layout, Random random) {
        Map<String, List<BufferRange>> out = new LinkedHashMap<>();
        out.put("whole", BufferPlan.whole(layout));
        out.put("halves", BufferPlan.split(layout, 2));
        out.put("one buffer each", BufferPlan.split(layout, layout.buffers()));
        out.put("bands of 1 row", BufferPlan.rowBands(layout, 1));
        out.put("bands of 17 rows", BufferPlan.rowBands(layout, 17));
        List<BufferRange> cuts = new ArrayList<>();
        for (int g = 0; g < layout.groups(); g++) {
            int first = 0;
            while (first < layout.buffers()) {
                int end = first + 1 + random.nextInt(Math.min(3, layout.buffers() - first));
                cuts.add(new BufferRange(g, first, end));
                first = end;
            }
        }
        out.put("random cuts", cuts);
        return out;
    }

    /** The image in memory (even {@code i}) or read row by row from an image source (odd {@code i}). */
    static TimepointValues values(ImageStack image, int i) {
        if (i % 2 == 0) {
            return TimepointValues.of(SourceStack.of(image));
        }
        StatisticsImages.Recording source = new StatisticsImages.Recording(image);
        return TimepointValues.of(source, source.planes(), image.channels(), image.depth());
    }

    static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    static void assertSameStatistics(GroupStatistics expected, GroupStatistics actual, String what) {
        assertEquals(expected.layout(), actual.layout(), what);
        for (int g = 0; g < expected.layout().groups(); g++) {
            assertSameBits(expected.mean(g), actual.mean(g), what + ": mean of group " + g);
            assertSameBits(expected.std(g), actual.std(g), what + ": std of group " + g);
        }
    }

    static void assertSameValues(ImageStack expected, ImageStack actual, String what) {
        assertEquals(expected.type(), actual.type(), what);
        double[] e = expected.data();
        double[] a = actual.data();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                assertSameBits(e[i], a[i], what + ": normalised value " + i);
            }
        }
    }

    static void assertSameBits(double expected, double actual, String what) {
        assertTrue(Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + " (" + Long.toHexString(Double.doubleToRawLongBits(expected))
                        + ") but was " + actual + " (" + Long.toHexString(Double.doubleToRawLongBits(actual)) + ")");
    }
}
