package org.convpaint.knime.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.features.DjlRuntime;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.NodeLogger;

/**
 * What the engine needs from its host inside KNIME's OSGi runtime: DJL must never try to download anything
 * ({@code ai.djl.offline=true}) and must extract the native libraries into a writable folder. (Engine calls run with
 * the engine bundle's class loader as context class loader through
 * {@link DjlRuntime#withEngineClassLoader}, because DJL finds its engine through it.)
 *
 * <p>The cache folder is {@code -Dconvpaint.cache.dir=...} (e.g. in {@code knime.ini}) if given, else
 * {@code <KNIME home>/convpaint/djl} (KNIME home is {@code <workspace>/.metadata/knime}), else
 * {@code <KNIME temp>/convpaint-djl}. The first configuration of the JVM wins (it lives in the system property
 * {@code DJL_CACHE_DIR}): the PyTorch natives are loaded only once anyway. Stateless and thread-safe.
 */
public final class EngineEnvironment {
    /** System property naming the folder where DJL extracts the PyTorch native libraries. */
    public static final String CACHE_DIR_PROPERTY = "convpaint.cache.dir";

    private static final NodeLogger LOGGER = NodeLogger.getLogger(EngineEnvironment.class);

    private EngineEnvironment() {
    }

    /**
     * Sets up DJL: offline mode, and the cache folder unless one was set before (by an earlier call, or by the
     * user with {@code -DDJL_CACHE_DIR} or the environment variable of that name).
     *
     * @return the cache folder in effect
     */
    public static Path configure() {
        final String before = System.getProperty("DJL_CACHE_DIR", System.getenv("DJL_CACHE_DIR"));
        if (before != null) {
            DjlRuntime.configure(null);
            return Path.of(before);
        }
        final Path dir = cacheDir();
        DjlRuntime.configure(dir);
        LOGGER.debug("Convpaint: DJL cache folder " + dir);
        return dir;
    }

    private static Path cacheDir() {
        final String explicit = System.getProperty(CACHE_DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.strip());
        }
        final Path home = Path.of(KNIMEConstants.getKNIMEHomeDir(), "convpaint", "djl");
        if (writable(home)) {
            return home;
        }
        final Path temp = Path.of(KNIMEConstants.getKNIMETempDir(), "convpaint-djl");
        LOGGER.info("Convpaint: " + home + " is not writable; using " + temp + " for native libraries");
        return temp;
    }

    private static boolean writable(final Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
