package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.convpaint.features.FeatureExtractor;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.features.WeightsLocator;
import org.convpaint.image.ImageStack;
import org.convpaint.image.SourceStack;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.model.ExtractorCatalog;
import org.convpaint.model.ModelLoader;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares each stage with napari-convpaint's dumps of the fixture cases of kind "stages": s1 normalised image,
 * s2 downsampled and padded extractor input, s3 features, s4 classifier probabilities on the padded grid (DINOv2:
 * on the token grid).
 * Normalisation, downsampling and padding must be exact; Gaussian features within 1e-12; neural features within
 * 1e-4 (libtorch versions differ); probabilities from our features within 1e-12 (Gaussian) or 1e-5.
 */
class StageDumpTest {

    @TestFactory
    Stream<DynamicTest> everyStageMatchesConvpaintsDump() {
        Fixtures.root();
        return Fixtures.cases().stream().filter(c -> "stages".equals(c.get("kind").getAsString()))
                .map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(), () -> check(c)));
    }

    private static void check(JsonObject c) throws Exception {
        Path root = Fixtures.root();
        Path dir = root.resolve("cases").resolve(c.get("id").getAsString());
        String model = c.get("model").getAsString();
        String fe = Fixtures.model(model).getAsJsonObject("param").get("fe_name").getAsString();
        assumeTrue(ExtractorCatalog.isSupported(fe), fe + " is not supported yet");
        int ds = c.getAsJsonObject("params").get("image_downsample").getAsInt();
        try (ConvpaintModel m0 = ModelLoader.load(root.resolve(c.get("model_pkl").getAsString()))) {
            ConvpaintModel m = m0.withParams(m0.params().withImageDownsample(ds));
            ConvpaintParams p = m.params();
            List<Path> weights = new ArrayList<>();
            Path vgg = root.resolve("models/" + model + "_vgg16_features.pth");
            if (vgg.toFile().isFile()) {
                weights.add(vgg);
            }
            if (fe.contains("dino")) {
                weights.add(root.resolve("models/dinov2_vits14_reg_random.pth"));
            }
            try (FeatureExtractor fx = FeatureExtractors.create(m, new WeightsLocator(weights, java.util.Map.of(),
                    Path.of("/none")), true, w -> { })) {
                ImageStack in = readImage(root.resolve(c.get("image_file").getAsString()));
                ImageStack s1 = Normalization.of(in, p.normalize(), fx.normMode(), p.channelMode()).apply(in);
                assertClose("s1", Npy.read(dir.resolve("s1_normalized.npy")), s1.data(), 0);
                // the padded feature input as the pipeline makes it, window by window (here: one window per plane)
                SourceStack src = SourceStack.of(in);
                int[] down = PaddedView.downsampledSize(in.height(), in.width(), ds);
                Padding.Amounts pad = Padding.amounts(fx.padding(), fx.patchSize(), p.scalings(), down[0],
                        down[1]);
                ImageStack s2 = WholeImage.of(new PaddedView(src,
                        Normalization.of(src, p.normalize(), fx.normMode(), p.channelMode()), ds, pad));
                assertClose("s2", Npy.read(dir.resolve("s2_fe_input.npy")), s2.data(), 0);
                boolean gaussian = ExtractorCatalog.GAUSSIAN.equals(fe);
                boolean patched = fx.patchedOutput();
                FeatureStack s3 = FeaturePyramid.extract(s2, fx, patched ? List.of(1) : p.scalings(), p.order(),
                        p.useMinFeatures(), p.channelMode(), patched, ProgressMonitor.NONE);
                double[] f = new double[s3.data().length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = s3.data()[i];
                }
                Npy refF = Npy.read(dir.resolve("s3_features.npy"));
                assertArrayEquals(refF.shape, new int[] {s3.features(), s3.depth(), s3.height(), s3.width()});
                double featureTol = gaussian ? 1e-12 : 1e-4;
                // Gaussian features are float64 in convpaint; compare after the float32 cast the classifier sees
                double[] refCast = refF.data.clone();
                for (int i = 0; i < refCast.length; i++) {
                    refCast[i] = (float) refCast[i];
                }
                assertClose("s3", new NpyView(refF.shape, refCast), f, featureTol);
                DoubleGrid s4 = Classification.classify(s3, m.classifier(), ProgressMonitor.NONE);
                assertClose("s4", Npy.read(dir.resolve("s4_clf_probas_padded.npy")), s4.array(),
                        gaussian ? 1e-12 : 1e-5);
            }
        }
    }

    /** A shape and values, like an .npy. */
    record NpyView(int[] shape, double[] data) {
    }

    private static void assertClose(String stage, Npy ref, double[] got, double tol) {
        assertClose(stage, new NpyView(ref.shape, ref.data), got, tol);
    }

    private static void assertClose(String stage, NpyView ref, double[] got, double tol) {
        assertTrue(ref.data().length == got.length, stage + ": size " + got.length + " vs " + ref.data().length);
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(got[i] - ref.data()[i]));
        }
        System.out.printf(Locale.ROOT, "[stages] %s max |diff| = %.3g%n", stage, max);
        assertTrue(max <= tol, stage + ": max |diff| " + max + " > " + tol);
    }

    /** Reads a fixture image as [C, Z, H, W] the way convpaint receives it (2-D → [1,1,H,W]; CYX → [C,1,H,W]). */
    static ImageStack readImage(Path tif) throws Exception {
        try (TiffReader r = TiffReader.open(tif)) {
            int plane = r.width() * r.height();
            double[] d = new double[r.planeCount() * plane];
            double[] buf = new double[plane];
            for (int i = 0; i < r.planeCount(); i++) {
                r.readPlane(i, buf);
                System.arraycopy(buf, 0, d, i * plane, plane);
            }
            boolean channels = r.axes().startsWith("C");
            PixelType t = r.pixelType();
            return channels ? new ImageStack(r.planeCount(), 1, r.height(), r.width(), d, t)
                    : new ImageStack(1, r.planeCount(), r.height(), r.width(), d, t);
        }
    }
}
