package org.convpaint.knime.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.convpaint.ConvpaintException;
import org.convpaint.features.DjlRuntime;
import org.convpaint.features.WeightsLocator;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.PredictionOptions;
import org.knime.core.node.NodeLogger;

/**
 * The loaded model of one node, kept between executions: {@link #get} returns the same {@link ImagePredictor} while
 * the model file (path, modification time, size), the weights files (paths, modification times) and the options
 * stay the same, so re-executing after a reset does not reload it; otherwise the old one is released and the model
 * is loaded again (after {@link EngineEnvironment#configure()}, inside the engine's class loader context). A node
 * calls {@link #release()} when it is disposed. Not thread-safe (a node model executes once at a time).
 */
public final class PredictorCache {
    private static final NodeLogger LOGGER = NodeLogger.getLogger(PredictorCache.class);

    /** Identifies a loaded model: same files (by path, time and size) and options give the same predictor. */
    private record Key(Path model, FileTime modified, long size, List<Path> weights, List<FileTime> weightsModified,
            PredictionOptions options) {
    }

    private ImagePredictor m_predictor;

    private Key m_key;

    /** Warnings of loading {@link #m_predictor} (legacy-file notes, GPU fallback), repeated on every execution. */
    private final List<String> m_warnings = new ArrayList<>();

    /**
     * The predictor for these files and options: the kept one if nothing changed, else a newly loaded one.
     *
     * @param model   the model file (must exist)
     * @param weights weights files given by the user (looked up first; the usual places after them)
     * @param options the engine options
     * @return the predictor; owned by this cache (do not close it)
     * @throws ConvpaintException if the model or its weights cannot be loaded
     * @throws IOException        if the model file cannot be read
     */
    public ImagePredictor get(final Path model, final List<Path> weights, final PredictionOptions options)
            throws ConvpaintException, IOException {
        final List<FileTime> weightsTimes = new ArrayList<>();
        for (Path w : weights) {
            weightsTimes.add(Files.exists(w) ? Files.getLastModifiedTime(w) : null);
        }
        final Key key = new Key(model, Files.getLastModifiedTime(model), Files.size(model), List.copyOf(weights),
            weightsTimes, options);
        if (m_predictor != null && key.equals(m_key)) {
            return m_predictor;
        }
        release();
        EngineEnvironment.configure();
        final WeightsLocator locator = WeightsLocator.fromEnvironment(weights);
        final List<String> warnings = new ArrayList<>();
        m_predictor = DjlRuntime.withEngineClassLoader(() -> ImagePredictor.open(model, locator, options, w -> {
            warnings.add(w);
            LOGGER.warn("Convpaint: " + w);
        }));
        m_warnings.addAll(warnings);
        m_key = key;
        return m_predictor;
    }

    /** @return the warnings of loading the kept model (empty if none is kept) */
    public List<String> warnings() {
        return List.copyOf(m_warnings);
    }

    /** Releases the kept model (native memory, worker threads), if any. Never throws. */
    public void release() {
        if (m_predictor != null) {
            final ImagePredictor p = m_predictor;
            m_predictor = null;
            m_key = null;
            m_warnings.clear();
            try {
                DjlRuntime.withEngineClassLoader(() -> {
                    p.close();
                    return null;
                });
            } catch (RuntimeException e) {
                LOGGER.debug("Convpaint: releasing the model failed: " + e, e);
            }
        }
    }
}
