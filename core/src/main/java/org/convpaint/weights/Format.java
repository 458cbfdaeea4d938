package org.convpaint.weights;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The container layouts of {@code torch.save}, recognised by their first bytes. */
enum Format {
    /** torch ≥ 1.6: a zip archive ({@code PK\3\4}, or {@code PK\5\6} for an empty one). */
    ZIP,
    /** torch 0.1.10–1.5: pickles in a row, the first being the magic number 0x1950a86a20f9469cfc6c. */
    LEGACY,
    /** torch &lt; 0.1.10: a tar archive. */
    TAR,
    /** huggingface's {@code .safetensors}: a 64-bit header length, a JSON header, raw data. */
    SAFETENSORS,
    /** Anything else. */
    UNKNOWN;

    /** Bytes {@link #detect} needs (fewer is fine for short files). */
    static final int HEAD = 512;

    /** The magic number as a pickle LONG1 argument: 10 little-endian bytes. */
    private static final byte[] MAGIC_LONG1 = {0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
        (byte) 0xa8, 0x50, 0x19};
    /** The magic number as written by pickle protocols 0 and 1. */
    private static final byte[] MAGIC_TEXT = "L119547037146038801333356L\n.".getBytes(StandardCharsets.US_ASCII);

    /** The layout of a file starting with {@code head}. */
    static Format detect(byte[] head) {
        if (SafetensorsFormat.detect(head)) {
            return SAFETENSORS;
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return ZIP;
        }
        // protocol ≥ 2: PROTO n, LONG1 10 <bytes>, STOP
        if (head.length >= 15 && (head[0] & 0xff) == 0x80 && (head[2] & 0xff) == 0x8a
                && Arrays.equals(head, 3, 14, MAGIC_LONG1, 0, 11) && head[14] == '.') {
            return LEGACY;
        }
        if (head.length >= MAGIC_TEXT.length && Arrays.equals(head, 0, MAGIC_TEXT.length, MAGIC_TEXT, 0,
                MAGIC_TEXT.length)) {
            return LEGACY;
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return TAR;
        }
        return UNKNOWN;
    }
}
