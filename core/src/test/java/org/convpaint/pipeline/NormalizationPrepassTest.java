package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.image.SourceStack;
import org.convpaint.model.ChannelMode;
import org.convpaint.numpy.Half;
import org.convpaint.pipeline.Normalization.Prepass;
import org.convpaint.stats.GroupLayout;
import org.convpaint.stats.GroupStatistics;
import org.convpaint.stats.TimepointValues;
import org.convpaint.stats.ValueExtremes;
import org.junit.jupiter.api.Test;

/**
 * Planning a normalisation from its prepass computed elsewhere gives {@link Normalization#of}'s normalisation, for
 * every pixel type, normalize value, extractor norm mode and channel mode.
 */
class NormalizationPrepassTest {
    private static ImageStack image(PixelType t, int channels, boolean unit, long seed) {
        Random r = new Random(seed);
        double[] d = new double[channels * 2 * 9 * 11];
        for (int i = 0; i < d.length; i++) {
            double v = t.isInteger() ? Math.floor(r.nextDouble() * Math.min(t.maxValue(), 1000))
                    : unit ? r.nextDouble() : r.nextGaussian() * 50;
            d[i] = t == PixelType.FLOAT16 ? Half.round(v) : t == PixelType.FLOAT32 ? (float) v : v;
        }
        return new ImageStack(channels, 2, 9, 11, d, t);
    }

    @Test
    void planningFromThePrepassEqualsOf() {
        long seed = 0;
        for (PixelType t : PixelType.values()) {
            for (int channels : new int[] {1, 3}) {
                for (boolean unit : new boolean[] {false, true}) {
                    ImageStack img = image(t, channels, unit, seed++);
                    SourceStack src = SourceStack.of(img);
                    for (int normalize : new int[] {1, 2, 3}) {
                        for (NormMode nm : NormMode.values()) {
                            for (ChannelMode mode : ChannelMode.values()) {
                                Normalization expected = Normalization.of(img, normalize, nm, mode);
                                Normalization planned = switch (Normalization.prepass(t, channels, normalize, nm,
                                        mode)) {
                                    case NONE -> Normalization.withoutPrepass(t, channels, normalize, nm, mode);
                                    case RANGE_CHECK -> Normalization.fromRangeCheck(t, channels,
                                            ValueExtremes.withinUnitInterval(TimepointValues.of(src),
                                                    GroupLayout.of(src, normalize)));
                                    case STATISTICS -> Normalization.fromStatistics(GroupStatistics.of(
                                            TimepointValues.of(src), GroupLayout.of(src, normalize)));
                                };
                                String what = t + " " + channels + " " + unit + " " + normalize + " " + nm + " "
                                        + mode;
                                assertEquals(expected.outputType(), planned.outputType(), what);
                                assertEquals(expected.isIdentity(), planned.isIdentity(), what);
                                assertEquals(expected.statistics(), planned.statistics(), what);
                                assertSameBits(expected.apply(img), planned.apply(img), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void prepassFollowsConvpaintsRules() {
        assertEquals(Prepass.NONE, Normalization.prepass(PixelType.FLOAT32, 3, 1, NormMode.DEFAULT,
                ChannelMode.RGB));
        assertEquals(Prepass.STATISTICS, Normalization.prepass(PixelType.UINT8, 3, 3, NormMode.IMAGENET,
                ChannelMode.MULTI));
        assertEquals(Prepass.RANGE_CHECK, Normalization.prepass(PixelType.FLOAT64, 3, 2, NormMode.IMAGENET,
                ChannelMode.RGB));
        // float16 is never range-checked, integers need no check, and 2 channels stay unnormalised
        assertEquals(Prepass.NONE, Normalization.prepass(PixelType.FLOAT16, 3, 2, NormMode.IMAGENET,
                ChannelMode.RGB));
        assertEquals(Prepass.NONE, Normalization.prepass(PixelType.UINT16, 3, 2, NormMode.IMAGENET,
                ChannelMode.RGB));
        assertEquals(Prepass.NONE, Normalization.prepass(PixelType.FLOAT32, 2, 2, NormMode.IMAGENET,
                ChannelMode.RGB));
    }

    @Test
    void factoriesRefuseSettingsThatNeedAnotherPrepass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.withoutPrepass(PixelType.UINT8, 1, 2, NormMode.DEFAULT, ChannelMode.SINGLE));
        assertTrue(e.getMessage().contains("STATISTICS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromRangeCheck(PixelType.UINT8, 3, true));
        assertThrows(IllegalArgumentException.class, () -> Normalization.fromRangeCheck(PixelType.FLOAT32, 1, true));
    }

    private static void assertSameBits(ImageStack expected, ImageStack actual, String what) {
        assertEquals(expected.type(), actual.type(), what);
        for (int i = 0; i < expected.data().length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected.data()[i]), Double.doubleToRawLongBits(actual.data()[i]),
                    what + " at " + i);
        }
    }
}
