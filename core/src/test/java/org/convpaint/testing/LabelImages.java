package org.convpaint.testing;

import java.nio.file.Path;

import org.convpaint.io.tiff.TiffReader;

/** Reads label images written by the tool or by napari-tmidas. */
public final class LabelImages {
    private LabelImages() {
    }

    /** All planes of {@code tif}, in file order, as ints (uint32 values keep their bits). */
    public static int[] read(Path tif) throws Exception {
        try (TiffReader r = TiffReader.open(tif)) {
            double[] all = TiffPlanes.all(r);
            int[] out = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                out[i] = (int) (long) all[i];
            }
            return out;
        }
    }
}
