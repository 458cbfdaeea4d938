package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffTestFiles.readAll;
import static org.convpaint.io.tiff.TiffTestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;

/** Axes of files written by tifffile and ImageMagick (see make_axes_tiffs.py), as napari-tmidas sees them. */
class TiffAxesTest {

    @Test
    void aBareTifffileShapeKeepsItsDimensionsInsteadOfFlatteningThePages() throws Exception {
        // tifffile.imwrite(path, array) of a (2, 3, 40, 48) uint8 array: {"shape": [2, 3, 40, 48]};
        // tifffile.imread returns the 4-D array, so that is the shape napari-tmidas segments
        Npy expected = Npy.read(resource("tzyx_40x48.npy"));
        for (String name : new String[] {"shape_only_4d.tif", "shape_only_4d_planar.tif"}) {
            // 6 grey pages, and 2 pages of 3 planar grey samples: the same array for tifffile.imread
            try (TiffReader r = TiffReader.open(resource(name))) {
                assertEquals("IIYX", r.axes(), name);
                assertArrayEquals(new long[] {2, 3, 40, 48}, r.shape(), name);
                assertArrayEquals(expected.data, readAll(r), name);
            }
        }
    }

    @Test
    void omeAxesOutsideTheUsualOrderAreReadInTheirOwnOrder() throws Exception {
        Npy tzyx = Npy.read(resource("tzyx_40x48.npy"));
        try (TiffReader r = TiffReader.open(resource("ome_ztyx.tif"))) {
            assertEquals("ZTYX", r.axes());
            assertArrayEquals(new long[] {3, 2, 40, 48}, r.shape());
            double[] all = readAll(r);
            int plane = 40 * 48;
            for (int z = 0; z < 3; z++) {
                for (int t = 0; t < 2; t++) {
                    for (int i = 0; i < plane; i++) {
                        assertEquals(tzyx.data[(t * 3 + z) * plane + i], all[(z * 2 + t) * plane + i]);
                    }
                }
            }
        }
    }

    @Test
    void samplesWithoutMetadataAreChannels() throws Exception {
        for (String name : new String[] {"rgb_nometa.tif", "rgb_imagemagick.tif"}) {
            try (TiffReader r = TiffReader.open(resource(name))) {
                assertEquals("CYX", r.axes(), name);
                assertArrayEquals(new long[] {3, 40, 48}, r.shape(), name);
            }
        }
        try (TiffReader r = TiffReader.open(resource("rgba_nometa.tif"))) {
            assertEquals("CYX", r.axes());
            assertArrayEquals(new long[] {4, 40, 48}, r.shape());
        }
    }
}
