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
            int plane = r.width() * r.height();
            int[] out = new int[r.planeCount() * plane];
            double[] buf = new double[plane];
            for (int p = 0; p < r.planeCount(); p++) {
                r.readPlane(p, buf);
                for (int i = 0; i < plane; i++) {
                    out[p * plane + i] = (int) (long) buf[i];
                }
            }
            return out;
        }
    }
}
