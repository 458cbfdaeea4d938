package org.convpaint.pipeline;

import static org.convpaint.pipeline.Float16NormalizationTest.assertSameHalves;
import static org.convpaint.pipeline.Float16NormalizationTest.resource;
import static org.convpaint.pipeline.Float16NormalizationTest.stack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.convpaint.features.FeatureMaps;
import org.convpaint.features.GaussianFeatures;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What follows the normalisation of a float16 image: block-mean downsampling against skimage's
 * {@code block_reduce(func=np.mean)} on float16 (src/test/resources/float16/README.md), and the Gaussian features,
 * which skimage computes on the float32 copy of a float16 image.
 */
class Float16DownsamplingTest {

    @ParameterizedTest
    @CsvSource({"k2,2", "k3_padded,3", "k4_large,4"})
    void float16BlockMeanSumsInFloat32AndRoundsToHalf(String name, int k) throws IOException {
        Npy in = Npy.read(resource("blockmean_" + name + "_in.npy"));
        Npy out = Npy.read(resource("blockmean_" + name + "_out.npy"));
        ImageStack result = Downsampling.blockMean(stack(in, PixelType.FLOAT16), k);
        assertEquals(PixelType.FLOAT16, result.type());
        assertArrayEquals(new int[] {out.shape[2], out.shape[3]}, new int[] {result.height(), result.width()});
        for (int i = 0; i < out.size(); i++) {
            assertSameHalves(out.data[i], result.data()[i], name + " at flat index " + i);
        }
    }

    @Test
    void float16GaussianFeaturesEqualThoseOfTheFloat32Copy() throws Exception {
        Npy in = Npy.read(resource("blockmean_k2_in.npy"));
        int n = in.shape[2] * in.shape[3];
        ImageStack plane = new ImageStack(1, 1, in.shape[2], in.shape[3], Arrays.copyOf(in.data, n), PixelType.FLOAT16);
        ImageStack copy = new ImageStack(1, 1, in.shape[2], in.shape[3], Arrays.copyOf(in.data, n), PixelType.FLOAT32);
        try (GaussianFeatures fe = new GaussianFeatures()) {
            List<FeatureMaps> half = fe.extract(plane);
            List<FeatureMaps> single = fe.extract(copy);
            assertEquals(single.get(0).float32(), half.get(0).float32());
            assertArrayEquals(single.get(0).doubles(), half.get(0).doubles());
        }
    }
}
