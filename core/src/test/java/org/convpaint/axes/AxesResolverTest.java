package org.convpaint.axes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
