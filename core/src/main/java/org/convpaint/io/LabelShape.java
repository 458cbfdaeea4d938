package org.convpaint.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The axes and shape of the label image of an input: the input's axes minus the channel axis {@code C}, in the
 * input's order. Every output format lays its labels out so. Immutable.
 *
 * @param axes  letters (T, Z, Y, X), ending in YX
 * @param shape sizes in {@code axes} order (a copy)
 */
public record LabelShape(String axes, long[] shape) {
    public LabelShape {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The label image of an input of these axes (T, Z, C, Y, X letters) and shape. */
    public static LabelShape of(String inputAxes, int[] inputShape) {
        StringBuilder axes = new StringBuilder();
        List<Long> shape = new ArrayList<>();
        for (int i = 0; i < inputAxes.length(); i++) {
            if (inputAxes.charAt(i) != 'C') {
                axes.append(inputAxes.charAt(i));
                shape.add((long) inputShape[i]);
            }
        }
        return new LabelShape(axes.toString(), shape.stream().mapToLong(Long::longValue).toArray());
    }
}
