package org.convpaint.io.tiff;

import static org.convpaint.io.tiff.TiffTestFiles.assertMatchesNpy;
import static org.convpaint.io.tiff.TiffTestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * float16 TIFFs (SampleFormat 3, 16 bits) written by tifffile and libtiff's tiffcp (see
 * src/test/resources/tiff/README.md): decoded to the exact half values numpy reads.
 */
class Float16TiffTest {

    @ParameterizedTest
    @ValueSource(strings = {"f16", "f16_deflate_pred3", "f16_bigendian", "f16_lzw_pred2_zyx"})
    void float16SamplesDecodeToTheHalfValuesOfTheirGenerator(String name) throws Exception {
        try (TiffReader r = assertMatchesNpy(name)) {
            assertEquals(PixelType.FLOAT16, r.pixelType());
        }
    }

    @Test
    void float16SpecialValuesSurviveTheFloatingPointPredictor() throws Exception {
        try (TiffReader r = TiffReader.open(resource("f16_deflate_pred3.tif"))) {
            double[] plane = new double[r.width() * r.height()];
            r.readPlane(0, plane);
            assertEquals(0x1p-24, plane[5], "smallest subnormal");
            assertEquals(-1023 * 0x1p-24, plane[5 + 22], "largest negative subnormal");
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(plane[5 + 44]), "-0");
            assertEquals(65504.0, plane[5 + 55]);
            assertEquals(Double.POSITIVE_INFINITY, plane[5 + 77]);
            assertEquals(Double.NEGATIVE_INFINITY, plane[5 + 88]);
            assertTrue(Double.isNaN(plane[5 + 99]));
        }
    }

    @Test
    void float16PixelDataHoldsExactHalvesAsFloat32() {
        double[] values = {0x1p-24, -65504.0, 0.0999755859375, Double.POSITIVE_INFINITY};
        PixelData d = PixelData.of(values, PixelType.FLOAT16);
        assertEquals(4L * values.length, d.bytes(), "stored as float32");
        for (int i = 0; i < values.length; i++) {
            assertEquals((double) (float) values[i], d.get(i));
        }
    }
}
