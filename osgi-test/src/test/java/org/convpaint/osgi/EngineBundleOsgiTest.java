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

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
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

/**
 * The engine bundle and the PyTorch natives fragment exactly as the update site ships them, in a real OSGi
 * framework (Equinox): the bundles resolve, DJL finds its engine and natives through the bundle class loader while
 * the calling thread's context class loader is a foreign one, and the prediction equals the command line's.
 */
class EngineBundleOsgiTest {
    private static final Path BUNDLES = Path.of(System.getProperty("convpaint.bundles", "target/bundles"));
    private static final Path CLI = Path.of(System.getProperty("convpaint.cli.jar", "../cli/target/convpaint.jar"));
    private static final Path DATA = Path.of("..", "core", "src", "test", "resources", "testdata");
    private static final Path TIFF = Path.of("..", "core", "src", "test", "resources", "tiff");

    @TempDir
    static Path storage;

    private static Framework framework;
    private static Bundle engine;

    @BeforeAll
    static void startFramework() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("osgi").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
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

        Path cliDir = Files.createDirectories(storage.resolve("cli-" + model.getFileName()));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-jar", CLI.toString(), "predict", "-q", "-m", model.toString(),
                "--weights", weights.toString(), "-o", cliDir.toString(), image.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(storage.resolve("cli.log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "CLI finished");
        assertEquals(0, p.exitValue(), Files.readString(storage.resolve("cli.log")));
        String stem = image.getFileName().toString().replaceFirst("\\.tif$", "");
        assertArrayEquals(LabelImages.read(cliDir.resolve(stem + "_convpaint_labels.tif")),
                LabelImages.read(osgiOut));
    }
}
