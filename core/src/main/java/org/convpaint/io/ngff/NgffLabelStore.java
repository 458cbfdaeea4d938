package org.convpaint.io.ngff;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;

/**
 * The layout of a one-level NGFF label image as this tool writes it: a group with {@code multiscales} and
 * {@code image-label} metadata and its array {@code 0} of uint32 labels, blosc-zstd bit-shuffled (few distinct
 * values: 2.4× faster and smaller than byte shuffle), fill value 0, {@code /} chunk keys. Whoever writes the
 * chunks (one process or many, with {@link ZarrArrayWriter#existing}) uses {@link #labelsSpec}. Stateless.
 */
public final class NgffLabelStore {
    /** The labels' compressor. */
    static final ZarrCompressor LABELS = new ZarrCompressor(ZarrCompressor.Kind.BLOSC, 5, "zstd", 2);

    private NgffLabelStore() {
    }

    /** The spec of the label array of {@code shape} (the label axes' sizes) with {@code chunks}. */
    public static ZarrArraySpec labelsSpec(ZarrFormat format, long[] shape, int[] chunks) {
        return new ZarrArraySpec(format, shape, chunks, PixelType.UINT32, LABELS, 0, "/");
    }

    /**
     * Creates the label image's group in the empty or new folder {@code store} and its array {@code 0} (no chunks).
     *
     * @param axes        the label axes (letters of TZYX, ending in YX)
     * @param sourceImage the {@code image-label} source path, or null
     * @return a writer of the array's chunks
     */
    public static ZarrArrayWriter create(Path store, ZarrArraySpec spec, String axes, Calibration calibration,
            String sourceImage) throws IOException {
        ZarrFormat f = spec.format();
        ZarrGroups.createGroup(store, f, NgffMetadata.image(f, axes, calibration, "convpaint labels", true,
                sourceImage));
        return ZarrArrayWriter.create(store.resolve("0"), spec);
    }
}
