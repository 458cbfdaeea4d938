package org.convpaint.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.tiff.TiffWriter;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.LabelImages;
import org.convpaint.testing.Npy;
import org.eclipse.osgi.launch.EquinoxFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * The engine bundle and the PyTorch natives fragment exactly as the update site ships them, in a real OSGi
 * framework (Equinox): the bundles resolve, DJL finds its engine and natives through the bundle class loader while
 * the calling thread's context class loader is a foreign one, and the prediction equals the command line's. The
 * framework exports ImgLib2 from the test's class path (as KNIP's imglib2 bundle does in KNIME): the engine's
 * ImgLib2 adapter resolves against it and predicts an ImgLib2 image made outside the bundle.
 */
class EngineBundleOsgiTest {
    private static final Path BUNDLES = Path.of(System.getProperty("convpaint.bundles", "target/bundles"));
    private static final Path CLI = Path.of(System.getProperty("convpaint.cli.jar", "../cli/target/convpaint.jar"));
    private static final Path DATA = Path.of("..", "core", "src", "test", "resources", "testdata");
    private static final Path TIFF = Path.of("..", "core", "src", "test", "resources", "tiff");
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    static Path storage;

    private static Framework framework;
    private static Bundle engine;

    @BeforeAll
    static void startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("osgi").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", importedImgLib2Packages()));
        framework = new EquinoxFactory().newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        for (String jar : List.of("slf4j-api.jar", "slf4j-nop.jar", "convpaint-engine.jar",
                "convpaint-engine-natives-linux-x86_64.jar")) {
            Bundle b = ctx.installBundle(BUNDLES.resolve(jar).toUri().toString());
            if (b.getSymbolicName().equals("org.convpaint.engine")) {
                engine = b;
            }
        }
        engine.start();
        assertEquals(Bundle.ACTIVE, engine.getState(), "engine bundle resolved and started");
    }

    /**
     * The ImgLib2 packages the engine bundle imports (all optional: KNIP provides them where the image node is
     * installed, and the engine must resolve without them; see {@link EngineWithoutImgLib2OsgiTest}).
     */
    private static List<String> importedImgLib2Packages() throws Exception {
        try (JarFile jar = new JarFile(BUNDLES.resolve("convpaint-engine.jar").toFile())) {
            String imports = jar.getManifest().getMainAttributes().getValue(Constants.IMPORT_PACKAGE);
            List<String> packages = new ArrayList<>();
            for (String clause : imports.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String name = clause.split(";")[0].strip();
                if (name.startsWith("net.imglib2")) {
                    assertTrue(clause.contains("resolution:=optional"), clause + " must be optional");
                    packages.add(name);
                }
            }
            assertTrue(packages.contains("net.imglib2.view"), "the engine imports ImgLib2: " + imports);
            return packages;
        }
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void nativesFragmentIsAttachedToTheEngineBundle() {
        Bundle natives = null;
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals("org.convpaint.engine.natives.linux.x86_64")) {
                natives = b;
            }
        }
        assertEquals(Bundle.RESOLVED, natives.getState());
        assertTrue(engine.getResource("native/lib/pytorch.properties") != null,
                "the fragment's PyTorch natives are visible through the engine bundle");
    }

    @Test
    void vggPredictionInsideOsgiEqualsTheCommandLine() throws Exception {
        Path model = DATA.resolve("m02_vgg16_gray3.pkl");
        Path weights = DATA.resolve("m02_vgg16_gray3_vgg16_features.pth");
        Path image = DATA.resolve("g_u8_61x77.tif");
        assertPredictionMatchesCli(model, weights, image);
    }

    /** The lily CatBoost model (VGG16 features.0, 4 channels) on a synthetic 4-channel image: pure-Java CatBoost. */
    @Test
    void catBoostPredictionInsideOsgiEqualsTheCommandLine() throws Exception {
        Path lily = Fixtures.file("external/lily_VGG16.pkl");
        Path weights = Fixtures.file("models/m02_vgg16_gray3_vgg16_features.pth");
        Path image = storage.resolve("four_channels.tif");
        try (TiffWriter w = TiffWriter.create(image, "CYX", new long[] {4, 60, 70}, PixelType.UINT16,
                Calibration.UNKNOWN)) {
            java.util.Random r = new java.util.Random(7);
            for (int c = 0; c < 4; c++) {
                int[] plane = new int[60 * 70];
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = (int) (2000 + 800 * Math.sin(i / (13.0 + c)) + r.nextInt(200));
                }
                w.writePlane(plane);
            }
        }
        assertPredictionMatchesCli(lily, weights, image);
    }

    /**
     * zstd-jni (its native library loaded from the jar embedded in lib/), xz and the JDK's ImageIO JPEG reader
     * (javax.imageio imported from the framework) work inside the bundle: files decode to libtiff's values.
     */
    @Test
    void zstdLzmaAndJpegTiffsDecodeInsideOsgi() throws Exception {
        Class<?> reader = engine.loadClass("org.convpaint.io.tiff.TiffReader");
        for (String name : List.of("u16_zstd_pred2", "u16_lzma", "u8_lzma_tifffile", "rgb_jpeg_ycbcr", "gray_jpeg")) {
            double[] expected = Npy.read(TIFF.resolve(name + ".npy")).data;
            try (AutoCloseable r = (AutoCloseable) reader.getMethod("open", Path.class)
                    .invoke(null, TIFF.resolve(name + ".tif"))) {
                int planes = (int) reader.getMethod("planeCount").invoke(r);
                int size = (int) reader.getMethod("width").invoke(r) * (int) reader.getMethod("height").invoke(r);
                double[] all = new double[planes * size];
                double[] plane = new double[size];
                for (int i = 0; i < planes; i++) {
                    reader.getMethod("readPlane", int.class, double[].class).invoke(r, i, plane);
                    System.arraycopy(plane, 0, all, i * size, size);
                }
                assertArrayEquals(expected, all, name);
            } catch (InvocationTargetException e) {
                throw new AssertionError(name + " inside OSGi failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * The adapter package is exported, embeds no ImgLib2 (every net.imglib2 package is wired to the framework's
     * export) and sees the same ImgLib2 classes as its caller.
     */
    @Test
    void imgLib2AdapterIsExportedAndUsesTheCallersImgLib2() throws Exception {
        BundleWiring wiring = engine.adapt(BundleWiring.class);
        assertTrue(wiring.getCapabilities("osgi.wiring.package").stream()
                .anyMatch(c -> "org.convpaint.imglib".equals(c.getAttributes().get("osgi.wiring.package"))),
                "org.convpaint.imglib is exported");
        List<BundleWire> imglib = wiring.getRequiredWires("osgi.wiring.package").stream()
                .filter(w -> String.valueOf(w.getCapability().getAttributes().get("osgi.wiring.package"))
                        .startsWith("net.imglib2"))
                .collect(Collectors.toList());
        assertEquals(importedImgLib2Packages().size(), imglib.size(), "every ImgLib2 import is wired");
        for (BundleWire w : imglib) {
            assertEquals(0, w.getProvider().getBundle().getBundleId(), w + " comes from the framework");
        }
        assertTrue(engine.getEntry("lib/imglib2.jar") == null, "ImgLib2 is not embedded");
        assertTrue(engine.getEntry("lib/convpaint-imglib.jar") != null, "the adapter is");
        assertSame(RandomAccessibleInterval.class, engine.loadClass("net.imglib2.RandomAccessibleInterval"));
        Class<?> source = engine.loadClass("org.convpaint.imglib.ImgLib2ImageSource");
        assertSame(RandomAccessibleInterval.class,
                source.getMethod("image").getReturnType(), "one RandomAccessibleInterval class on both sides");
    }

    /**
     * The example model on the example image, handed to the engine bundle as an ImgLib2 image made outside it (as
     * the KNIME node hands it KNIP's images) through the adapter: the labels equal the command line's on the file.
     */
    @Test
    void imgLib2AdapterPredictionInsideOsgiEqualsTheCommandLine() throws Exception {
        Path model = EXAMPLES.resolve("coins_gaussian.pkl");
        Path image = EXAMPLES.resolve("coins.tif");
        ArrayImg<UnsignedByteType, ?> img;
        try (TiffReader r = TiffReader.open(image)) {
            double[] plane = new double[r.width() * r.height()];
            r.readPlane(0, plane);
            img = ArrayImgs.unsignedBytes(r.width(), r.height());
            Cursor<UnsignedByteType> c = img.cursor();
            for (double v : plane) {
                c.next().setReal(v);
            }
        }
        RandomAccessibleInterval<IntType> labels;
        try {
            Class<?> axis = engine.loadClass("org.convpaint.imglib.ImageAxis");
            Class<?> source = engine.loadClass("org.convpaint.imglib.ImgLib2ImageSource");
            Class<?> collectorClass = engine.loadClass("org.convpaint.imglib.ImgLib2LabelCollector");
            Class<?> predictorClass = engine.loadClass("org.convpaint.run.ImagePredictor");
            Class<?> weights = engine.loadClass("org.convpaint.features.WeightsLocator");
            Class<?> options = engine.loadClass("org.convpaint.run.PredictionOptions");
            Class<?> monitor = engine.loadClass("org.convpaint.pipeline.ProgressMonitor");
            Object src = source.getMethod("of", RandomAccessibleInterval.class, List.class)
                    .invoke(null, Views.translate(img, 11, -4), axis.getMethod("ofLetters", String.class)
                            .invoke(null, "XY"));
            Object collector = collectorClass.getConstructor(source, boolean.class).newInstance(src, false);
            java.util.function.Consumer<String> ignore = w -> { };
            try (AutoCloseable predictor = (AutoCloseable) predictorClass.getMethod("open", Path.class, weights,
                    options, java.util.function.Consumer.class).invoke(null, model,
                    weights.getMethod("fromEnvironment", List.class).invoke(null, List.of()),
                    options.getMethod("defaults").invoke(null), ignore)) {
                predictorClass.getMethod("predict", engine.loadClass("org.convpaint.image.ImageSource"), List.class,
                        engine.loadClass("org.convpaint.io.TimepointSink"), monitor)
                        .invoke(predictor, src, null, collector, monitor.getField("NONE").get(null));
            }
            @SuppressWarnings("unchecked")
            RandomAccessibleInterval<IntType> l = (RandomAccessibleInterval<IntType>) collectorClass
                    .getMethod("labelImage").invoke(collector);
            labels = l;
        } catch (InvocationTargetException e) {
            throw new AssertionError("ImgLib2 prediction inside OSGi failed: " + e.getCause(), e.getCause());
        }
        assertEquals(11, labels.min(0), "the labels keep the image's interval minimum");
        int[] osgi = new int[(int) (img.dimension(0) * img.dimension(1))];
        Cursor<IntType> c = Views.flatIterable(labels).cursor();
        for (int i = 0; i < osgi.length; i++) {
            osgi[i] = c.next().get();
        }
        assertArrayEquals(runCli(model, List.of(), image), osgi);
        assertTrue(java.util.Arrays.stream(osgi).distinct().count() >= 2, "labels are not blank");
    }

    private void assertPredictionMatchesCli(Path model, Path weights, Path image) throws Exception {
        Path osgiOut = storage.resolve("osgi-" + model.getFileName() + ".tif");
        ClassLoader foreign = new URLClassLoader(new URL[0], null);
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(foreign);
        try {
            Class<?> djl = engine.loadClass("org.convpaint.features.DjlRuntime");
            djl.getMethod("configure", Path.class).invoke(null, Path.of("target", "djl-cache").toAbsolutePath());
            Class<?> files = engine.loadClass("org.convpaint.run.FilePredictor");
            files.getMethod("predictWithDefaults", Path.class, List.class, Path.class, Path.class)
                    .invoke(null, model, List.of(weights), image, osgiOut);
            assertSame(foreign, t.getContextClassLoader(), "the engine restores the caller's class loader");
        } catch (InvocationTargetException e) {
            throw new AssertionError("prediction inside OSGi failed: " + e.getCause(), e.getCause());
        } finally {
            t.setContextClassLoader(before);
        }

        assertArrayEquals(runCli(model, List.of(weights), image), LabelImages.read(osgiOut));
    }

    /** The labels {@code convpaint predict} writes for {@code image} (run as a separate process). */
    private static int[] runCli(Path model, List<Path> weights, Path image) throws Exception {
        Path cliDir = Files.createTempDirectory(storage, "cli-" + model.getFileName());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-jar", CLI.toString(), "predict", "-q", "-m", model.toString()));
        for (Path w : weights) {
            cmd.addAll(List.of("--weights", w.toString()));
        }
        cmd.addAll(List.of("-o", cliDir.toString(), image.toString()));
        Path log = cliDir.resolve("cli.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "CLI finished");
        assertEquals(0, p.exitValue(), Files.readString(log));
        String stem = image.getFileName().toString().replaceFirst("\\.tif$", "");
        return LabelImages.read(cliDir.resolve(stem + "_convpaint_labels.tif"));
    }
}
