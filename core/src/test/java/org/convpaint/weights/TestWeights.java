package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.function.IntToDoubleFunction;

/** The test weight files of {@code src/test/resources/weights} and the formulas of their values (see README). */
final class TestWeights {

    private TestWeights() {
    }

    static Path file(String name) {
        return Path.of("src", "test", "resources", "weights", name);
    }

    /** Asserts that {@code t} has the given shape and {@code data[i] == (float) value(i)} for every i. */
    static void assertTensor(Tensor t, int[] shape, IntToDoubleFunction value) {
        assertNotNull(t);
        assertArrayEquals(shape, t.shape(), t.name());
        float[] expected = new float[t.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) value.applyAsDouble(i);
        }
        assertArrayEquals(expected, t.data(), t.name());
        assertEquals(expected.length, t.data().length);
    }
}
