package org.convpaint.testing;

import org.convpaint.InvalidInputException;
import org.convpaint.io.tiff.TiffReader;

/** Every plane of an open TIFF, for tests that compare whole images. */
public final class TiffPlanes {
    private TiffPlanes() {
    }

    /** All planes of {@code r} in file order, one after the other, as doubles. */
    public static double[] all(TiffReader r) throws InvalidInputException {
        int plane = r.width() * r.height();
        double[] all = new double[plane * r.planeCount()];
        double[] buf = new double[plane];
        for (int p = 0; p < r.planeCount(); p++) {
            r.readPlane(p, buf);
            System.arraycopy(buf, 0, all, p * plane, plane);
        }
        return all;
    }
}
