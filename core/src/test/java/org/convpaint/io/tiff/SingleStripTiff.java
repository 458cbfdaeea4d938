package org.convpaint.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-made little-endian TIFFs of one page stored as one strip, for tests that need exact bytes. */
final class SingleStripTiff {
    private SingleStripTiff() {
    }

    /** A grey page of 8- or 16-bit samples holding {@code stored} as its strip. */
    static byte[] of(int width, int height, int bits, int compression, int predictor, byte[] stored) {
        return of(width, height, bits, compression, predictor, stored, null);
    }

    /** As {@link #of(int, int, int, int, int, byte[])}, with an ImageDescription when {@code description} is set. */
    static byte[] of(int width, int height, int bits, int compression, int predictor, byte[] stored,
            String description) {
        byte[] text = description == null ? null : (description + "\0").getBytes(StandardCharsets.US_ASCII);
        List<int[]> entries = new ArrayList<>(List.of(new int[] {256, 4, 1, width}, new int[] {257, 4, 1, height},
                new int[] {258, 3, 1, bits}, new int[] {259, 3, 1, compression}, new int[] {262, 3, 1, 1}));
        if (text != null) {
            entries.add(new int[] {270, 2, text.length, -2});
        }
        entries.addAll(List.of(new int[] {273, 4, 1, -1}, new int[] {277, 3, 1, 1}, new int[] {278, 4, 1, height},
                new int[] {279, 4, 1, stored.length}, new int[] {317, 3, 1, predictor}));
        int data = 8 + 2 + 12 * entries.size() + 4;
        int textAt = data + stored.length;
        ByteBuffer b = ByteBuffer.allocate(textAt + (text == null ? 0 : text.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.size());
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            int v = e[3] == -1 ? data : e[3] == -2 ? textAt : e[3];
            if (e[1] == 3) {
                b.putShort((short) v).putShort((short) 0);
            } else {
                b.putInt(v);
            }
        }
        b.putInt(0).put(stored);
        if (text != null) {
            b.put(text);
        }
        return b.array();
    }
}
