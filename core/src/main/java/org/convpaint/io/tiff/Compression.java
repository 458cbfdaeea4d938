package org.convpaint.io.tiff;

import java.util.Map;

/**
 * The TIFF compression schemes this package decodes, with the largest output/input ratio each can reach (used to
 * reject strips whose declared size cannot come from their stored bytes before allocating for them).
 *
 * <p>Ratios: Deflate cannot exceed 1032:1; an LZW code adds at most one byte to the longest string (4096 codes
 * per table: under 2800:1); a PackBits run byte pair gives 128 bytes. zstd: every block needs at least 4 bytes
 * (3-byte header and one byte, an RLE block) and decodes to at most 128 KiB, so 32768:1 (zstd -19 of 256 MiB of
 * zeros reaches 32697:1). LZMA (xz container, LZMA2): a repeated 273-byte match costs about 14 range-coder bits of
 * at least 0.022 bits each, about 7100:1 (xz -9e of 256 MiB of zeros reaches 6851:1); 16384 leaves a factor of
 * two. JPEG (8-bit): every 8x8 block of the first scan costs at least one Huffman bit, and one 4x4-subsampled
 * 32x32 MCU (16 luma blocks coded) decodes to 3072 bytes: 1536:1, rounded up to 2048.
 */
enum Compression {
    NONE(1, "none", 1),
    LZW(5, "LZW", 2800),
    ADOBE_DEFLATE(8, "Adobe Deflate", 1100),
    DEFLATE(32946, "Deflate", 1100),
    PACKBITS(32773, "PackBits", 64),
    ZSTD(50000, "zstd", 32768),
    /** zstd under the tag value some older writers used. */
    ZSTD_OLD(34926, "zstd", 32768),
    LZMA(34925, "LZMA", 16384),
    /** "New-style" JPEG (TIFF Technical Note 2), 8-bit, with or without a JPEGTables tag. */
    JPEG(7, "JPEG", 2048);

    /** Names of compression schemes that are recognised but not supported, for the error message. */
    private static final Map<Integer, String> UNSUPPORTED = Map.ofEntries(
            Map.entry(2, "CCITT RLE"), Map.entry(3, "CCITT Group 3 fax"), Map.entry(4, "CCITT Group 4 fax"),
            Map.entry(6, "old-style JPEG"), Map.entry(32771, "CCITT RLEW"),
            Map.entry(32809, "ThunderScan"), Map.entry(33003, "JPEG 2000 (Aperio)"),
            Map.entry(33005, "JPEG 2000 (Aperio)"), Map.entry(34661, "JBIG"), Map.entry(34676, "SGI LogLuv"),
            Map.entry(34677, "SGI LogLuv24"), Map.entry(34712, "JPEG 2000"), Map.entry(34887, "LERC"),
            Map.entry(34927, "WebP"), Map.entry(34933, "PNG"), Map.entry(34934, "JPEG XR"),
            Map.entry(50001, "WebP"), Map.entry(50002, "JPEG XL"), Map.entry(52546, "JPEG XL"));

    private final int code;
    private final String label;
    private final int maxRatio;

    Compression(int code, String label, int maxRatio) {
        this.code = code;
        this.label = label;
        this.maxRatio = maxRatio;
    }

    int code() {
        return code;
    }

    /** Upper bound of decoded bytes per stored byte. */
    int maxRatio() {
        return maxRatio;
    }

    /** Whether the Predictor tag applies (libtiff applies it to LZW, Deflate, zstd and LZMA). */
    boolean usesPredictor() {
        return this == LZW || this == ADOBE_DEFLATE || this == DEFLATE || this == ZSTD || this == ZSTD_OLD
                || this == LZMA;
    }

    /** The supported scheme with this tag value, or null. */
    static Compression of(int code) {
        for (Compression c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }

    /** Human name of any compression tag value, e.g. {@code zstd (50000)}. */
    static String describe(int code) {
        Compression c = of(code);
        String name = c != null ? c.label : UNSUPPORTED.getOrDefault(code, "unknown");
        return name + " (" + code + ")";
    }
}
