package org.convpaint.features;

import java.nio.file.Path;

/**
 * Runs DJL where it cannot find its engine through the thread's context class loader (OSGi, KNIME): DJL discovers
 * the PyTorch engine and its native library through the TCCL, so every call that may initialise the engine runs
 * with the TCCL set to the class loader that holds DJL and the natives (this class's). Also configures DJL to never
 * download anything and to extract natives into a writable folder. Stateless apart from system properties.
 */
public final class DjlRuntime {
    private DjlRuntime() {
    }

    /**
     * Sets {@code ai.djl.offline=true} and, unless already set, {@code DJL_CACHE_DIR} (where DJL extracts the
     * PyTorch native libraries) to {@code cacheDir}. Call before the first prediction.
     */
    public static void configure(Path cacheDir) {
        System.setProperty("ai.djl.offline", "true");
        if (cacheDir != null && System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir.toAbsolutePath().toString());
        }
    }

    /** Work that may touch DJL, throwing its own checked exception. */
    @FunctionalInterface
    public interface EngineCall<T, E extends Exception> {
        T call() throws E;
    }

    /**
     * Runs {@code work} with this class's class loader (the one holding DJL and the natives) as the thread context
     * class loader, and restores the previous one. Threads started inside inherit it.
     */
    public static <T, E extends Exception> T withEngineClassLoader(EngineCall<T, E> work) throws E {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(DjlRuntime.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
