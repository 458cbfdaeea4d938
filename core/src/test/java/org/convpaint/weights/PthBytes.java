package org.convpaint.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.convpaint.testing.PickleWriter;

/** Hand-made {@code torch.save} zip archives holding one float32 tensor, for tests of hostile and damaged files. */
final class PthBytes {

    private PthBytes() {
    }

    /**
     * The {@code data.pkl} of {@code {name: tensor}}, the tensor being {@code _rebuild_tensor_v2} of float32 storage
     * {@code '0'} with {@code storageNumel} elements, storage offset 0 and the given size and stride.
     */
    static byte[] pickle(String name, int storageNumel, int[] size, int[] stride) {
        PickleWriter w = new PickleWriter().proto(2).emptyDict().str(name)
                .global("torch._utils", "_rebuild_tensor_v2").mark()
                .mark().str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(storageNumel)
                .tuple().op('Q')
                .integer(0).mark();
        for (int s : size) {
            w.integer(s);
        }
        w.tuple().mark();
        for (int s : stride) {
            w.integer(s);
        }
        return w.tuple().bool(false).global("collections", "OrderedDict").emptyTuple().reduce()
                .tuple().reduce().setItem().stop().toBytes();
    }

    /**
     * A zip archive {@code archive/data.pkl}, {@code archive/data/0} as torch writes it (entries STORED), or with
     * the storage record DEFLATED.
     */
    static byte[] zip(byte[] pickle, byte[] storage, boolean deflateStorage) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            stored(z, "archive/data.pkl", pickle);
            if (deflateStorage) {
                z.setLevel(Deflater.BEST_SPEED);
                z.putNextEntry(new ZipEntry("archive/data/0"));
                z.write(storage);
            } else {
                stored(z, "archive/data/0", storage);
            }
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    /** Little-endian float32 bytes {@code 0, 1, 2, …} of {@code n} elements. */
    static byte[] floats(int n) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i);
        }
        return b.array();
    }
}
