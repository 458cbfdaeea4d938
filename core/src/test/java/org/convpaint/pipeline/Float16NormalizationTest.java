package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.convpaint.model.ChannelMode;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * z-score and ImageNet normalisation of float16 images against numpy 1.24.2 run on the same float16 arrays
 * (expected values: src/test/resources/float16/README.md). Compared bit for bit (NaN as NaN).
 */
class Float16NormalizationTest {
    static Path resource(String name) {
        return Path.of("src", "test", "resources", "float16", name);
    }

    static ImageStack stack(Npy a, PixelType type) {
        int[] s = a.shape;
        return new ImageStack(s[0], s[1], s[2], s[3], a.data.clone(), type);
    }

    static void assertSameHalves(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, was " + actual);
        } else if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            assertEquals(expected, actual, what);
            assertEquals(Math.copySign(1.0, expected), Math.copySign(1.0, actual), what + ": sign of zero");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"n2_small", "n2_mid", "n2_big", "n2_two_channels", "n3_two_channels", "n2_sum_overflows",
        "n2_squares_overflow", "n3_nan", "n2_nan", "n2_constant", "n2_subnormal_floor"})
    void float16ZScoreFollowsNumpyHalfArithmetic(String name) throws IOException {
        Npy in = Npy.read(resource("zscore_" + name + "_in.npy"));
        Npy out = Npy.read(resource("zscore_" + name + "_out.npy"));
        int normalize = name.startsWith("n2") ? 2 : 3;
        Normalization n = Normalization.of(stack(in, PixelType.FLOAT16), normalize, NormMode.DEFAULT,
                ChannelMode.SINGLE);
        assertEquals(PixelType.FLOAT16, n.outputType());
        ImageStack result = n.apply(stack(in, PixelType.FLOAT16));
        assertEquals(PixelType.FLOAT16, result.type());
        for (int i = 0; i < out.size(); i++) {
            assertSameHalves(out.data[i], result.data()[i], name + " at flat index " + i);
        }
    }

    /** The large cases: image {@code levels[(i·7919 + 13) % L]}, expected value per (group, level). */
    @ParameterizedTest
    @ValueSource(strings = {"n3_planes", "n2_over_65535"})
    void float16ZScoreOfLargeGroupsFollowsNumpyBufferedSums(String name) throws IOException {
        Npy levels = Npy.read(resource("zscore_" + name + "_levels.npy"));
        Npy table = Npy.read(resource("zscore_" + name + "_table.npy"));
        int[] shape = name.equals("n3_planes") ? new int[] {1, 3, 100, 100} : new int[] {1, 1, 300, 250};
        int normalize = name.startsWith("n2") ? 2 : 3;
        int n = shape[0] * shape[1] * shape[2] * shape[3];
        int l = levels.size();
        double[] img = new double[n];
        int[] level = new int[n];
        for (int i = 0; i < n; i++) {
            level[i] = (int) (((long) i * 7919 + 13) % l);
            img[i] = levels.data[level[i]];
        }
        ImageStack in = new ImageStack(shape[0], shape[1], shape[2], shape[3], img, PixelType.FLOAT16);
        ImageStack result = Normalization.of(in, normalize, NormMode.DEFAULT, ChannelMode.SINGLE).apply(in);
        int groups = table.shape[0];
        int groupSize = n / groups;
        for (int i = 0; i < n; i++) {
            assertSameHalves(table.data[(i / groupSize) * l + level[i]], result.data()[i], name + " at " + i);
        }
    }

    @Test
    void float16ImageNetNormalisationCastsToFloat32WithoutTheRangeCheck() {
        // convpaint's normalize_image_imagenet checks [0, 1] only for float32/float64: float16 values outside
        // [0, 1] are still normalised, in float32: (float32(x) - mean_c) / std_c
        double[] v = {0.5, 2.0, -3.0, 0.25, 1000.0, 0.125};
        ImageStack img = new ImageStack(3, 1, 1, 2, v, PixelType.FLOAT16);
        Normalization n = Normalization.of(img, 2, NormMode.IMAGENET, ChannelMode.RGB);
        assertEquals(PixelType.FLOAT32, n.outputType());
        ImageStack out = n.apply(img);
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        for (int i = 0; i < v.length; i++) {
            int c = i / 2;
            assertEquals((double) (((float) v[i] - mean[c]) / std[c]), out.data()[i], "value " + i);
        }
    }
}
