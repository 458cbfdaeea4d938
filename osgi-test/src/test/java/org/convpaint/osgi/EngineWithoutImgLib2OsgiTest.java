package org.convpaint.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convpaint.run.FilePredictor;
import org.convpaint.testing.LabelImages;
import org.eclipse.osgi.launch.EquinoxFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The engine bundle where KNIME Image Processing is absent, as for the file node's feature: an Equinox framework
 * that exports no ImgLib2 package. The engine still resolves and starts (its ImgLib2 imports are optional and stay
 * unwired) and segments a TIFF file with the command line's labels.
 */
class EngineWithoutImgLib2OsgiTest {
    private static final Path BUNDLES = Path.of(System.getProperty("convpaint.bundles", "target/bundles"));
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path storage;

    @Test
    void engineResolvesAndPredictsFilesWithoutImgLib2() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("osgi").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = new EquinoxFactory().newFramework(config);
        framework.start();
        try {
            BundleContext ctx = framework.getBundleContext();
            Bundle engine = null;
            for (String jar : List.of("slf4j-api.jar", "slf4j-nop.jar", "convpaint-engine.jar",
                    "convpaint-engine-natives-linux-x86_64.jar")) {
                Bundle b = ctx.installBundle(BUNDLES.resolve(jar).toUri().toString());
                if (b.getSymbolicName().equals("org.convpaint.engine")) {
                    engine = b;
                }
            }
            engine.start();
            assertEquals(Bundle.ACTIVE, engine.getState(), "engine bundle resolved and started without ImgLib2");
            BundleWiring wiring = engine.adapt(BundleWiring.class);
            assertTrue(wiring.getRequiredWires("osgi.wiring.package").stream()
                    .noneMatch(w -> String.valueOf(w.getCapability().getAttributes().get("osgi.wiring.package"))
                            .startsWith("net.imglib2")), "no ImgLib2 import is wired");

            Path model = EXAMPLES.resolve("coins_gaussian.pkl");
            Path image = EXAMPLES.resolve("coins.tif");
            Path inside = storage.resolve("osgi_labels.tif");
            Path outside = storage.resolve("plain_labels.tif");
            engine.loadClass("org.convpaint.run.FilePredictor")
                    .getMethod("predictWithDefaults", Path.class, List.class, Path.class, Path.class)
                    .invoke(null, model, List.of(), image, inside);
            FilePredictor.predictWithDefaults(model, List.of(), image, outside);
            assertArrayEquals(LabelImages.read(outside), LabelImages.read(inside),
                    "labels inside OSGi without ImgLib2 equal those outside");
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }
}
