package org.convpaint.weights;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;

import org.convpaint.UnsupportedModelException;

/**
 * Streams the bytes of one storage from a channel and converts them to float32, through a bounded buffer: exactly
 * {@code numel × element size} bytes are read, never more, and no second copy of the storage is made. Stateless.
 */
final class StorageDecoder {
    /** Bytes converted per step. */
    static final int CHUNK = 1 << 20;

    private StorageDecoder() {
    }

    /** Length of the window {@code [from, to)} of {@code root} as an array length. */
    static int arrayLength(StorageRef root, long from, long to, Path file) throws UnsupportedModelException {
        if (to - from > Integer.MAX_VALUE - 8) {
            throw new UnsupportedModelException("the tensors of storage '" + root.key() + "' span " + (to - from)
                    + " elements, more than a Java array can hold", file);
        }
        return (int) (to - from);
    }

    /**
     * Reads {@code numel} elements of type {@code type} in byte order {@code order} from {@code in} (starting at
     * its current position) and returns them as floats.
     *
     * @throws EOFException if the channel ends first
     */
    static float[] decode(ReadableByteChannel in, DType type, ByteOrder order, int numel) throws IOException {
        float[] out = new float[numel];
        int perChunk = CHUNK / type.size();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min((long) numel * type.size(), CHUNK)).order(order);
        for (int done = 0; done < numel; ) {
            int n = Math.min(perChunk, numel - done);
            buf.clear().limit(n * type.size());
            while (buf.hasRemaining()) {
                if (in.read(buf) < 0) {
                    throw new EOFException("the data ends after " + ((long) done * type.size() + buf.position())
                            + " of " + (long) numel * type.size() + " bytes");
                }
            }
            buf.flip();
            type.decode(buf, out, done, n);
            done += n;
        }
        return out;
    }
}
