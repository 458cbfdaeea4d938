package org.convpaint.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;
import org.convpaint.stats.StatisticsImages.Recording;
import org.convpaint.stats.StatisticsImages.Spread;
import org.junit.jupiter.api.Test;

/** Statistics read from an image source read only the rows of their range, each once, and see the same values. */
class TimepointValuesTest {
    /** 2 channels × 3 planes of 70 × 130: 27 300 values (4 buffers) per channel, rows crossing buffer edges. */
    private final ImageStack image = StatisticsImages.random(PixelType.FLOAT32, 2, 3, 70, 130, Spread.OFFSET, 9);

    @Test
    void aRangeReadsOnlyTheRowsItTouchesEachOnce() {
        for (int normalize : new int[] {2, 3}) {
            GroupLayout layout = GroupLayout.of(SourceStack.of(image), normalize);
            Recording source = new Recording(image);
            TimepointValues values = TimepointValues.of(source, source.planes(), 2, 3);
            for (BufferRange r : BufferPlan.split(layout, layout.buffers())) {
                source.clear();
                BufferSums.values(values, layout, r);
                List<int[]> read = source.rowsRead();
                Set<Long> distinct = new HashSet<>();
                long start = layout.offset(r.group()) + r.firstValue();
                long end = layout.offset(r.group()) + r.endValue(layout);
                for (int[] row : read) {
                    assertTrue(distinct.add((long) row[0] << 32 | row[1]), "row read twice: " + row[0] + "/"
                            + row[1]);
                    long rowStart = ((long) row[0] * 70 + row[1]) * 130;
                    assertTrue(rowStart < end && rowStart + 130 > start, r + " read row " + row[1] + " of plane "
                            + row[0] + ", outside its values [" + start + ", " + end + ")");
                }
                long touched = (end - 1) / 130 - start / 130 + 1;
                assertEquals(touched, read.size(), r + ": every row it touches is read");
            }
        }
    }

    @Test
    void valuesFromASourceEqualValuesFromTheStack() {
        GroupLayout layout = GroupLayout.of(SourceStack.of(image), 2);
        Recording source = new Recording(image);
        TimepointValues fromSource = TimepointValues.of(source, source.planes(), 2, 3);
        TimepointValues fromStack = TimepointValues.of(SourceStack.of(image));
        for (BufferRange r : BufferPlan.rowBands(layout, 9)) {
            assertEquals(BufferSums.values(fromStack, layout, r), BufferSums.values(fromSource, layout, r));
        }
        assertEquals(GroupStatistics.of(fromStack, layout), GroupStatistics.of(fromSource, layout));
    }

    @Test
    void planesAreTakenInTheOrderGiven() {
        // the source holds the channels swapped: plane (c, z) of the timepoint is source plane (1 − c)·3 + z
        ImageStack swapped = new ImageStack(2, 3, 70, 130, new double[image.data().length], image.type());
        int half = image.data().length / 2;
        System.arraycopy(image.data(), 0, swapped.data(), half, half);
        System.arraycopy(image.data(), half, swapped.data(), 0, half);
        Recording source = new Recording(swapped);
        TimepointValues values = TimepointValues.of(source, new int[] {3, 4, 5, 0, 1, 2}, 2, 3);
        GroupLayout layout = GroupLayout.of(SourceStack.of(image), 3);
        assertEquals(GroupStatistics.of(TimepointValues.of(SourceStack.of(image)), layout),
                GroupStatistics.of(values, layout));
    }

    @Test
    void aReadErrorSurfacesWithTheSourcesException() {
        Recording source = new Recording(image);
        source.fail();
        TimepointValues values = TimepointValues.of(source, source.planes(), 2, 3);
        GroupLayout layout = GroupLayout.of(SourceStack.of(image), 2);
        PixelData.ReadFailure e = assertThrows(PixelData.ReadFailure.class,
                () -> BufferSums.values(values, layout, new BufferRange(1, 2, 3)));
        // buffer 2 of channel 1 starts at value 16 384 of the channel: in its plane z = 1, source plane 4
        assertTrue(e.failure().getMessage().contains("damaged plane 4"), e.getMessage());
    }

    @Test
    void planesThatDoNotFitAreRefused() {
        Recording source = new Recording(image);
        assertThrows(IllegalArgumentException.class, () -> TimepointValues.of(source, new int[] {0, 1}, 2, 3));
        assertThrows(IllegalArgumentException.class,
                () -> TimepointValues.of(source, new int[] {0, 1, 2, 3, 4, 6}, 2, 3));
    }
}
