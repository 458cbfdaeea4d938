package org.convpaint.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.image.PixelType;
import org.convpaint.grid.GridScope;
import org.convpaint.image.Volume;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.Segmentation;
import org.convpaint.pipeline.Segmenter;
import org.convpaint.testing.Npy;
import org.convpaint.weights.Tensor;
import org.convpaint.weights.TorchWeights;
import org.junit.jupiter.api.Test;

/** VGG16 on DJL/PyTorch, with the bundled fixture model and weights (no fixtures folder needed). */
class Vgg16FeaturesTest {
    private static final Path DATA = Path.of("src/test/resources/testdata");

    @Test
    void bundledVggModelReproducesNapariConvpaintOnTheCoinsCrop() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(DATA.resolve("m02_vgg16_gray3.pkl"));
                FeatureExtractor fe = FeatureExtractors.create(m, new WeightsLocator(
                        List.of(DATA.resolve("m02_vgg16_gray3_vgg16_features.pth")), Map.of(), Path.of("/none")),
                        true, w -> { });
                TiffReader r = TiffReader.open(DATA.resolve("g_u8_61x77.tif"))) {
            double[] img = new double[61 * 77];
            r.readPlane(0, img);
            Segmentation s;
            try (GridScope scope = new GridScope(Path.of(System.getProperty("java.io.tmpdir")))) {
                s = new Segmenter(m, fe).segment(Volume.yx(61, 77, img, PixelType.UINT8), true, scope,
                        ProgressMonitor.NONE);
            }
            Npy raw = Npy.read(DATA.resolve("m02__g_u8_61x77__ds1.raw_classmap.npy"));
            Npy probas = Npy.read(DATA.resolve("m02__g_u8_61x77__ds1.probas.npy"));
            int[] expected = new int[raw.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (int) raw.data[i];
            }
            assertArrayEquals(expected, s.labels().array());
            double max = 0;
            for (int i = 0; i < probas.size(); i++) {
                max = Math.max(max, Math.abs(probas.data[i] - s.probabilities().array()[i]));
            }
            assertTrue(max < 1e-7, "max |diff| " + max);
        }
    }

    /** Above torch's oneDNN threshold the Java first convolution must equal libtorch's bit for bit. */
    @Test
    void javaFirstConvolutionEqualsLibtorchOnLargeInputs() {
        Random rnd = new Random(3);
        int h = 90;
        int w = 100;
        float[] x = new float[3 * h * w];
        float[] wt = new float[64 * 27];
        float[] b = new float[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < wt.length; i++) {
            wt[i] = (float) rnd.nextGaussian() * 0.2f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian() * 0.05f;
        }
        float[] java = FirstConvolution.apply(x, 1, h, w, wt, b);
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray in = m.create(x, new Shape(1, 3, h, w));
            float[] torch = Conv2d.conv2d(in, m.create(wt, new Shape(64, 3, 3, 3)), m.create(b, new Shape(64)),
                    new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow().toFloatArray();
            assertArrayEquals(torch, java);
        }
    }

    /**
     * Small single images, where torch does not call oneDNN: the Java convolution in im2col order equals libtorch's
     * native path from {@link FirstConvolution#GEMM_MIN_PIXELS} output pixels up to the largest such input.
     */
    @Test
    void javaFirstConvolutionInGemmOrderEqualsLibtorchOnSmallInputs() {
        Random rnd = new Random(5);
        List<int[]> sizes = new java.util.ArrayList<>();
        for (int h = 1; h <= 64; h++) {
            for (int w = 1; h * w <= 64; w++) {
                if (h * w >= FirstConvolution.GEMM_MIN_PIXELS) {
                    sizes.add(new int[] {h, w});
                }
            }
        }
        sizes.add(new int[] {82, 83});
        sizes.add(new int[] {1, 6826});
        while (sizes.size() < 140) {
            int h = 1 + rnd.nextInt(120);
            int w = 1 + rnd.nextInt(120);
            if (h * w >= FirstConvolution.GEMM_MIN_PIXELS && Vgg16Features.torchUsesNative(1, h, w)) {
                sizes.add(new int[] {h, w});
            }
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int[] size : sizes) {
                int h = size[0];
                int w = size[1];
                assertTrue(Vgg16Features.torchUsesNative(1, h, w));
                float[] x = new float[3 * h * w];
                float[] wt = new float[64 * 27];
                float[] b = new float[64];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (rnd.nextGaussian() * 1.5);
                }
                for (int i = 0; i < wt.length; i++) {
                    wt[i] = (float) rnd.nextGaussian() * 0.2f;
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rnd.nextGaussian() * 0.05f;
                }
                float[] java = FirstConvolution.apply(x, 1, h, w, wt, b, FirstConvolution.Order.GEMM);
                float[] torch = Conv2d.conv2d(m.create(x, new Shape(1, 3, h, w)), m.create(wt, new Shape(64, 3, 3, 3)),
                        m.create(b, new Shape(64)), new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow().toFloatArray();
                assertArrayEquals(torch, java, h + " x " + w);
            }
        }
    }

    @Test
    void receptiveFieldAndStrideFollowConvpaintsTable() {
        assertArrayEquals(new int[] {3, 1}, Vgg16Network.receptiveFieldAndStride(0));
        assertArrayEquals(new int[] {10, 2}, Vgg16Network.receptiveFieldAndStride(5));
        assertArrayEquals(new int[] {24, 4}, Vgg16Network.receptiveFieldAndStride(10));
        assertArrayEquals(new int[] {196, 16}, Vgg16Network.receptiveFieldAndStride(28));
    }

    @Test
    void weightsMissingADeepLayerAreRejectedByName() throws Exception {
        Map<String, Tensor> w = TorchWeights.read(DATA.resolve("m02_vgg16_gray3_vgg16_features.pth"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vgg16Features(List.of("features.0", "features.2"), w, Device.cpu()).close());
        assertTrue(e.getMessage().contains("features.2"), e.getMessage());
    }

    @Test
    void onlySelectedLayersReachedAreCounted() throws Exception {
        Map<String, Tensor> w = TorchWeights.read(DATA.resolve("m02_vgg16_gray3_vgg16_features.pth"));
        try (Vgg16Features fe = new Vgg16Features(List.of("features.0"), w, Device.cpu())) {
            assertEquals(64, fe.featuresPerSeries());
            assertEquals(1, fe.padding());
            assertEquals(1, fe.patchSize());
        }
    }
}
