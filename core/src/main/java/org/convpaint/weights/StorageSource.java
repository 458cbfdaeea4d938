package org.convpaint.weights;

import java.io.IOException;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/** Where the bytes of root storages come from (zip records, or spans of a legacy stream). Confined to one read. */
interface StorageSource extends AutoCloseable {

    /**
     * Elements {@code [from, to)} of the root storage converted to float32, {@code to - from} values; nothing
     * beyond {@code to} is kept in memory. {@code usedElements} is how many elements the requested tensors hold
     * in all (a source may refuse a compressed record that inflates to far more than that).
     *
     * @throws InvalidModelException     if the file holds fewer bytes than the storage declares, the record is
     *                                   damaged (checksum), or a compressed record is far larger than its use
     * @throws UnsupportedModelException if the window has more elements than a Java array can hold
     */
    float[] read(StorageRef root, long from, long to, long usedElements)
            throws InvalidModelException, UnsupportedModelException, IOException;

    @Override
    void close() throws IOException;
}
