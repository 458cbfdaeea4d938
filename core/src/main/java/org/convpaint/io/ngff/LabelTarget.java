package org.convpaint.io.ngff;

import java.nio.file.Path;

import org.convpaint.io.zarr.ZarrFormat;

/**
 * Where an NGFF label image goes: a store of its own, or the {@code labels} group of the input image's store.
 * Immutable.
 *
 * @param store       the label image's folder
 * @param format      its Zarr format (v2 with NGFF 0.4, or v3 with NGFF 0.5)
 * @param sourceImage the labelled image relative to {@code store} ({@code image-label.source.image}), or null if
 *                    it is not a file (an image in memory)
 * @param labelsGroup the {@code labels} group whose listing gains the label image, or null for a store of its own
 */
public record LabelTarget(Path store, ZarrFormat format, String sourceImage, Path labelsGroup) {

    /** Name of the label image inside an input's {@code labels} group. */
    public static final String LABEL_NAME = "convpaint";

    /** A label store of its own (NGFF 0.4, Zarr v2) for {@code input} (TIFF file, Zarr store, or null). */
    public static LabelTarget standalone(Path store, Path input) {
        if (input == null) {
            return new LabelTarget(store, ZarrFormat.V2, null, null);
        }
        Path from = store.toAbsolutePath().normalize();
        Path to = input.toAbsolutePath().normalize();
        String relative;
        try {
            relative = from.relativize(to).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            relative = to.toString();
        }
        return new LabelTarget(store, ZarrFormat.V2, relative, null);
    }

    /** {@code labels/convpaint} inside the image store {@code image}, in the image's Zarr format. */
    public static LabelTarget intoImage(Path image, ZarrFormat format) {
        return new LabelTarget(storeInside(image), format, "../../", labelsGroup(image));
    }

    /** The {@code labels} group of the image store {@code image}. */
    public static Path labelsGroup(Path image) {
        return image.resolve("labels");
    }

    /** Where {@link #intoImage} puts the label image: {@code labels/convpaint} inside {@code image}. */
    public static Path storeInside(Path image) {
        return labelsGroup(image).resolve(LABEL_NAME);
    }
}
