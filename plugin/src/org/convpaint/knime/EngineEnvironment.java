package org.convpaint.knime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.features.DjlRuntime;
import org.convpaint.run.ImagePredictor;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.NodeLogger;

/**
 * What the engine needs from its host inside KNIME's OSGi runtime: DJL must find its engine and the PyTorch native
 * jar through the engine bundle's class loader (DJL uses the thread context class loader), must never try to
 * download anything ({@code ai.djl.offline=true}), and must extract the native libraries into a writable folder.
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

    /** Work that may touch DJL, with its own checked exception. */
    @FunctionalInterface
    public interface EngineCall<T, E extends Exception> {
        T call() throws E;
    }

    /**
     * Runs {@code call} with the engine bundle's class loader as thread context class loader (and restores the
     * previous one). Threads the engine starts inside inherit it.
     */
    public static <T, E extends Exception> T withEngineClassLoader(final EngineCall<T, E> call) throws E {
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ImagePredictor.class.getClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
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
