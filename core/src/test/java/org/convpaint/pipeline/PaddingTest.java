package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Expected amounts are the stage geometry napari-convpaint recorded for the fixture stage dumps. */
class PaddingTest {

    @Test
    void vgg16FirstLayerWithThreeScalesPadsFourAndAlignsToFour() {
        assertEquals(new Padding.Amounts(4, 7, 4, 7), Padding.amounts(1, 1, List.of(1, 2, 4), 61, 77));
    }

    @Test
    void gaussianWithScalesUpToFourPads48AndMore() {
        assertEquals(new Padding.Amounts(48, 49, 48, 49), Padding.amounts(12, 1, List.of(1, 2, 4), 31, 39));
    }

    @Test
    void vggLayerFiveCrossingAPoolAlignsToTwiceTheLcm() {
        assertEquals(new Padding.Amounts(12, 13, 12, 13), Padding.amounts(5, 2, List.of(1, 2), 31, 39));
    }

    @Test
    void patchSize14PadsOnlyBottomAndRight() {
        assertEquals(new Padding.Amounts(0, 9, 0, 7), Padding.amounts(0, 14, List.of(1), 61, 77));
    }

    @Test
    void lcmOfScalings() {
        assertEquals(12, org.convpaint.features.Alignment.lcm(List.of(1, 4, 6)));
        assertEquals(8, Padding.alignUp(5, 4));
    }
}
