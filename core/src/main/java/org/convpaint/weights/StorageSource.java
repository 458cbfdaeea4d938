package org.convpaint.weights;

import java.io.IOException;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/** Where the bytes of root storages come from (zip records, or spans of a legacy stream). Confined to one read. */
interface StorageSource extends AutoCloseable {

    /**
     * The whole root storage converted to float32, {@code root.numel()} values.
     *
     * @throws InvalidModelException     if the file holds fewer bytes than the storage declares
     * @throws UnsupportedModelException if the storage has more elements than a Java array can hold
     */
    float[] read(StorageRef root) throws InvalidModelException, UnsupportedModelException, IOException;

    @Override
    void close() throws IOException;
}
