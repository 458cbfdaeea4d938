package org.convpaint.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor of a PyTorch weights file, converted to float32.
 *
 * <p>Contract: {@code data.length} equals the product of {@code shape} (1 for a zero-dimensional tensor);
 * {@code data} holds the elements in C (row-major) order whatever the strides in the file were. Integer and
 * boolean tensors are converted to float ({@code true} = 1; integers beyond ±2^24 are rounded to the nearest
 * float). The arrays are <em>not</em> copied, neither on construction nor by the accessors {@link #data()}:
 * treat them as read-only. {@link #shape()} returns a copy. Immutable by that contract, hence safe to share
 * between threads.
 *
 * @param name  the key of the tensor in the state dict, e.g. {@code features.0.weight}
 * @param shape the size of each dimension, outermost first; empty for a scalar
 * @param data  the values in C order
 */
public record Tensor(String name, int[] shape, float[] data) {

    /** Checks that the shape is non-negative and matches the number of values. */
    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** Equal when name, shape and every value (bitwise, as {@link Float#equals}) are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), data.length);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
