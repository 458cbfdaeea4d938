package org.convpaint.weights;

/**
 * A storage named by a persistent id of the pickle: the root storage (its key in the file, element type and
 * declared element count) and, for the legacy format's storage views, the window {@code [viewOffset,
 * viewOffset + viewNumel)} of the root that tensors index into. Immutable.
 */
final class StorageRef {
    private final String key;
    private final DType dtype;
    private final long numel;
    private final long viewOffset;
    private final long viewNumel;

    private StorageRef(String key, DType dtype, long numel, long viewOffset, long viewNumel) {
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
        this.viewOffset = viewOffset;
        this.viewNumel = viewNumel;
    }

    /** A whole root storage of {@code numel} elements. */
    static StorageRef root(String key, DType dtype, long numel) {
        return new StorageRef(key, dtype, numel, 0, numel);
    }

    /** A view of {@code n} elements from {@code offset} of this (root) storage; the caller checked the bounds. */
    StorageRef view(long offset, long n) {
        return new StorageRef(key, dtype, numel, offset, n);
    }

    /** Key of the root storage: the record name in a zip, the storage key in a legacy stream. */
    String key() {
        return key;
    }

    DType dtype() {
        return dtype;
    }

    /** Element count of the root storage, as declared by the pickle. */
    long numel() {
        return numel;
    }

    /** First root element this storage (view) covers. */
    long viewOffset() {
        return viewOffset;
    }

    /** Number of elements tensors on this storage (view) may index. */
    long viewNumel() {
        return viewNumel;
    }

    /** Bytes of the root storage. Never overflows: {@link TorchPickle} bounds numel. */
    long byteSize() {
        return numel * dtype.size();
    }
}
