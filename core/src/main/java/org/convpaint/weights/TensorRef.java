package org.convpaint.weights;

import java.util.Arrays;

import org.convpaint.pickle.PickleRejection;

/**
 * A tensor as the pickle describes it ({@code _rebuild_tensor_v2(storage, storage_offset, size, stride, …)}):
 * elements {@code storage[offset + Σ index_i * stride_i]}, offsets relative to the storage (view). Created only
 * through {@link #of}, which guarantees that every element lies inside the storage. Immutable.
 */
final class TensorRef {
    private final StorageRef storage;
    private final long offset;
    private final int[] shape;
    private final long[] stride;
    private final int numel;
    private final long last;

    private TensorRef(StorageRef storage, long offset, int[] shape, long[] stride, int numel, long last) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
        this.numel = numel;
        this.last = last;
    }

    /**
     * Validates a view and returns it.
     *
     * @throws PickleRejection invalid if a size, stride or offset is negative or the view reaches outside the
     *                         storage; unsupported if the tensor has more than {@code Integer.MAX_VALUE} elements
     */
    static TensorRef of(StorageRef storage, long offset, long[] size, long[] stride) {
        if (size.length != stride.length) {
            throw PickleRejection.invalid("tensor size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " have different lengths");
        }
        if (offset < 0) {
            throw PickleRejection.invalid("negative tensor storage offset " + offset);
        }
        int[] shape = new int[size.length];
        long numel = 1;
        long last = offset;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw PickleRejection.invalid("negative tensor size or stride: size " + Arrays.toString(size)
                        + ", stride " + Arrays.toString(stride));
            }
            if (size[i] > Integer.MAX_VALUE) {
                throw PickleRejection.unsupported("tensor dimension " + size[i] + " is too large");
            }
            shape[i] = (int) size[i];
            numel = saturatedMultiply(numel, size[i]);
            if (size[i] > 0) {
                last = saturatedAdd(last, saturatedMultiply(size[i] - 1, stride[i]));
            }
        }
        if (numel > Integer.MAX_VALUE) {
            throw PickleRejection.unsupported("tensor of shape " + Arrays.toString(size)
                    + " has more elements than a Java array can hold");
        }
        if (numel > 0 && last >= storage.viewNumel()) {
            throw PickleRejection.invalid("a tensor of shape " + Arrays.toString(size) + " (storage offset "
                    + offset + ", strides " + Arrays.toString(stride) + ") reaches element " + last
                    + " of storage '" + storage.key() + "', which holds only " + storage.viewNumel()
                    + " elements");
        }
        return new TensorRef(storage, offset, shape, stride.clone(), (int) numel, last);
    }

    private static long saturatedMultiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    private static long saturatedAdd(long a, long b) {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }

    StorageRef storage() {
        return storage;
    }

    /** Shape; callers must not modify it. */
    int[] shape() {
        return shape;
    }

    int numel() {
        return numel;
    }

    /** Offset of the first element in the root storage. */
    long rootOffset() {
        return storage.viewOffset() + offset;
    }

    /**
     * One past the last root-storage element the tensor reads ({@link #rootOffset()} for an empty tensor); at
     * most the root storage's element count.
     */
    long rootEnd() {
        return numel == 0 ? rootOffset() : storage.viewOffset() + last + 1;
    }

    /** Stride of dimension {@code i}, in elements. */
    long stride(int i) {
        return stride[i];
    }

    /** Whether the elements are consecutive in C order (strides of size-1 dimensions are irrelevant). */
    boolean isContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return numel == 0;
            }
            expected *= shape[i];
        }
        return true;
    }
}
