package org.convpaint.axes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convpaint.model.ChannelMode;
import org.junit.jupiter.api.Test;

class AxesResolverTest {

    private static String axes(ChannelMode mode, int channels, int... shape) {
        return AxesResolver.resolve(shape, null, null, mode, channels).axes();
    }

    @Test
    void tmidasHeuristicForSingleChannelModels() {
        assertEquals("YX", axes(ChannelMode.SINGLE, 1, 30, 40));
        assertEquals("ZYX", axes(ChannelMode.SINGLE, 1, 99, 30, 40));
        assertEquals("TYX", axes(ChannelMode.SINGLE, 1, 100, 30, 40));
        assertEquals("TZYX", axes(ChannelMode.SINGLE, 1, 3, 8, 30, 40));
    }

    @Test
    void leadingSmallAxisIsTheChannelAxisForMultiChannelModels() {
        assertEquals("CYX", axes(ChannelMode.MULTI, 2, 2, 30, 40));
        assertEquals("CYX", axes(ChannelMode.RGB, 3, 3, 30, 40));
        assertEquals("CZYX", axes(ChannelMode.MULTI, 2, 2, 5, 30, 40));
        assertEquals("TCYX", axes(ChannelMode.MULTI, 2, 7, 2, 30, 40));
    }

    @Test
    void metadataWinsOverTheHeuristicAndTheOverrideWinsOverBoth() {
        int[] shape = {150, 30, 40};
        assertEquals("ZYX", AxesResolver.resolve(shape, "ZYX", null, ChannelMode.SINGLE, 1).axes());
        assertEquals(AxesResolver.Source.METADATA, AxesResolver.resolve(shape, "ZYX", null, ChannelMode.SINGLE, 1)
                .source());
        assertEquals("CYX", AxesResolver.resolve(shape, "ZYX", "cyx", ChannelMode.SINGLE, 1).axes());
        assertEquals("TYX", AxesResolver.resolve(shape, "IYX", null, ChannelMode.SINGLE, 1).axes());
    }

    @Test
    void overridesMustFitTheShape() {
        assertThrows(IllegalArgumentException.class,
                () -> AxesResolver.resolve(new int[] {3, 30, 40}, null, "TZYX", ChannelMode.SINGLE, 1));
        assertThrows(IllegalArgumentException.class,
                () -> AxesResolver.resolve(new int[] {3, 30, 40}, null, "YXZ", ChannelMode.SINGLE, 1));
        assertThrows(IllegalArgumentException.class,
                () -> AxesResolver.resolve(new int[] {3, 30, 40}, null, "ZZX", ChannelMode.SINGLE, 1));
    }

    private static AxesResolver.Resolved override(String axes, int... shape) {
        return AxesResolver.resolve(shape, null, axes, ChannelMode.SINGLE, 1);
    }

    @Test
    void anOverrideMayReshapeThePlanesIntoAnyShapeWithTheSameCount() {
        assertArrayEquals(new int[] {3, 8, 30, 40}, override("TZYX", 3, 8, 30, 40).shape());
        assertArrayEquals(new int[] {3, 8, 30, 40}, override("T3ZYX", 24, 30, 40).shape());
        assertArrayEquals(new int[] {3, 8, 30, 40}, override("TZ8YX", 24, 30, 40).shape());
        assertArrayEquals(new int[] {8, 3, 30, 40}, override("Z8T3YX", 3, 8, 30, 40).shape());
        assertArrayEquals(new int[] {24, 30, 40}, override("TYX", 3, 8, 30, 40).shape());
        assertArrayEquals(new int[] {2, 3, 4, 30, 40}, override("t2z3C4yx", 24, 30, 40).shape());
        assertEquals("TZCYX", override("t2z3C4yx", 24, 30, 40).axes());
        assertEquals(AxesResolver.Source.OVERRIDE, override("TYX", 3, 8, 30, 40).source());
    }

    @Test
    void aReshapeThatDoesNotFitNamesTheCounts() {
        assertThrows(IllegalArgumentException.class, () -> override("T5ZYX", 24, 30, 40), "24 % 5 != 0");
        assertThrows(IllegalArgumentException.class, () -> override("T3Z3YX", 24, 30, 40), "9 != 24");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> override("TZYX", 24, 30, 40));
        assertTrue(e.getMessage().contains("24 planes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> override("TZY31X", 24, 30, 40), "Y is 30");
        assertThrows(IllegalArgumentException.class, () -> override("T0ZYX", 24, 30, 40));
        assertThrows(IllegalArgumentException.class, () -> override("T-3ZYX", 24, 30, 40));
    }

    @Test
    void knownAxesStayAndOnlyTheUnknownOnesAreGuessed() {
        // an RGB file without metadata: its samples are channels, whatever the model
        assertEquals("CYX", AxesResolver.resolve(new int[] {3, 30, 40}, "CYX", null, ChannelMode.SINGLE, 1).axes());
        // several RGB pages: the pages are guessed (Z below 100, T from 100), the samples stay channels
        assertEquals("ZCYX", AxesResolver.resolve(new int[] {5, 3, 30, 40}, "ICYX", null, ChannelMode.SINGLE, 1)
                .axes());
        assertEquals("TCYX", AxesResolver.resolve(new int[] {150, 3, 30, 40}, "ICYX", null, ChannelMode.RGB, 3)
                .axes());
        // nothing known: tmidas' rule on the whole shape, as before
        assertEquals("TZYX", AxesResolver.resolve(new int[] {2, 3, 30, 40}, "IIYX", null, ChannelMode.SINGLE, 1)
                .axes());
        assertEquals("CYX", AxesResolver.resolve(new int[] {3, 30, 40}, "IYX", null, ChannelMode.RGB, 3).axes());
    }
}
