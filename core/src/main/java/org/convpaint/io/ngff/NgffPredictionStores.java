package org.convpaint.io.ngff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;

/**
 * The layout of the one-level NGFF images this tool writes: the label image, a group with {@code multiscales}
 * and {@code image-label} metadata and its array {@code 0} of uint32 labels, blosc-zstd bit-shuffled (few distinct
 * values: 2.4× faster and smaller than byte shuffle), fill value 0, {@code /} chunk keys; and the probabilities,
 * an NGFF 0.4 image of float32 values with {@code c} first (blosc-zstd, byte shuffle, numcodecs' usual choice for
 * floats), chunks one class deep. Whoever writes the chunks (one process or many, with
 * {@link ZarrArrayWriter#existing}) uses {@link #labelsSpec} and {@link #probabilitiesSpec}. Stateless.
 */
public final class NgffPredictionStores {
    /** The labels' compressor. */
    static final ZarrCompressor LABELS = new ZarrCompressor(ZarrCompressor.Kind.BLOSC, 5, "zstd", 2);
    /** The probabilities' compressor. */
    static final ZarrCompressor PROBABILITIES = ZarrCompressor.bloscZstd(5);

    private NgffPredictionStores() {
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

    /** The spec of the probabilities of {@code classes} classes for labels of {@code labelShape}, {@code chunks}. */
    public static ZarrArraySpec probabilitiesSpec(int classes, long[] labelShape, int[] labelChunks) {
        long[] shape = new long[labelShape.length + 1];
        shape[0] = classes;
        System.arraycopy(labelShape, 0, shape, 1, labelShape.length);
        int[] c = new int[labelChunks.length + 1];
        c[0] = 1;
        System.arraycopy(labelChunks, 0, c, 1, labelChunks.length);
        return new ZarrArraySpec(ZarrFormat.V2, shape, c, PixelType.FLOAT32, PROBABILITIES, 0, "/");
    }

    /**
     * Creates the probabilities' NGFF 0.4 image (axes {@code C} + {@code labelAxes}) in the empty or new folder
     * {@code store} and its array {@code 0} (no chunks).
     */
    public static ZarrArrayWriter createProbabilities(Path store, ZarrArraySpec spec, String labelAxes,
            Calibration calibration) throws IOException {
        ZarrGroups.createGroup(store, ZarrFormat.V2, NgffMetadata.image(ZarrFormat.V2, "C" + labelAxes, calibration,
                "convpaint probabilities", false, null));
        return ZarrArrayWriter.create(store.resolve("0"), spec);
    }

    /**
     * Lists the label image of {@code target} in its {@code labels} group (created if missing), keeping the
     * group's other attributes and labels; nothing for a store of its own.
     */
    public static void listInLabelsGroup(LabelTarget target) throws IOException {
        Path group = target.labelsGroup();
        if (group == null) {
            return;
        }
        ZarrFormat f = target.format();
        JsonObject attrs = new JsonObject();
        boolean exists = ZarrGroups.formatOf(group).isPresent();
        if (exists) {
            try {
                attrs = ZarrGroups.attributes(group);
            } catch (InvalidInputException e) {
                throw new IOException("cannot read " + group + ": " + e.reason(), e);
            }
        }
        JsonObject updated = NgffMetadata.withLabel(f, attrs, target.store().getFileName().toString());
        if (exists) {
            ZarrGroups.writeAttributes(group, f, updated);
        } else {
            Files.createDirectories(group);
            ZarrGroups.createGroup(group, f, updated);
        }
    }
}
