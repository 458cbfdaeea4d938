package org.convpaint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class Vgg16NetworkTest {

    @Test
    void convolutionTensorsHaveTheirVgg16ShapesUnderBothNamings() {
        assertArrayEquals(new int[] {64, 3, 3, 3}, Vgg16Network.expectedShape("features.0.weight"));
        assertArrayEquals(new int[] {128, 64, 3, 3}, Vgg16Network.expectedShape("5.weight"));
        assertArrayEquals(new int[] {512}, Vgg16Network.expectedShape("features.28.bias"));
    }

    @Test
    void otherTensorNamesHaveNoShapeAndAreNotRead() {
        for (String name : new String[] {"features.1.weight", "features.0.running_mean", "classifier.0.weight",
            "features.31.weight", "features.x.weight", "features.", "0weight", "features.00.weight.bias"}) {
            assertNull(Vgg16Network.expectedShape(name), name);
        }
    }
}
