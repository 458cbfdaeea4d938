package org.convpaint.knime.files.batch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.convpaint.CanceledException;
import org.convpaint.ConvpaintException;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.OutputNames;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.run.FilePredictor;
import org.convpaint.run.InputRequest;
import org.convpaint.run.OutputTargets;
import org.convpaint.scratch.TempFiles;

/**
 * Segments the input of one table row after the other and writes its outputs as {@code convpaint predict} does:
 * names by the engine's {@link OutputNames} rule ({@code NAME<suffix>.tif} / {@code .ome.zarr}, and
 * {@code NAME_convpaint_probabilities...}) in the output folder or next to the input; atomically (a row that fails
 * or is cancelled leaves nothing behind); existing outputs skipped unless overwriting; files named like outputs not
 * taken as inputs. Never throws for a problem of one input: it becomes a {@link RowResult} with a one-line message.
 * Two rows whose outputs would have the same name: the later one fails (the first one's files are kept). Not
 * thread-safe (the predictor is not).
 */
public final class RowProcessor {

    /**
     * How rows are processed. Immutable.
     *
     * @param outputFolder  the folder of all outputs, or null to write each next to its input
     * @param format        the output format
     * @param suffix        the label name suffix (e.g. {@code _convpaint_labels}); non-empty, no folder separators
     * @param overwrite     replace existing outputs (else the row is skipped)
     * @param probabilities also write class probabilities (the predictor must compute them)
     * @param axes          axes of all inputs (e.g. {@code TZYX}), or null to take them from each file's metadata,
     *                      else napari-tmidas' rule
     * @param channels      channel selection (see {@code ImagePredictor.predict}), or null for automatic
     */
    public record Settings(Path outputFolder, OutputChoice format, String suffix, boolean overwrite,
            boolean probabilities, String axes, List<Integer> channels) {

        /** @throws IllegalArgumentException for a missing format or an unusable suffix */
        public Settings {
            if (format == null || suffix == null || suffix.isEmpty() || suffix.contains("/")
                    || suffix.contains("\\")) {
                throw new IllegalArgumentException("a format and a non-empty suffix without '/' or '\\' are needed");
            }
            axes = axes == null || axes.isBlank() ? null : axes.strip();
            channels = channels == null ? null : List.copyOf(channels);
        }
    }

    private final FilePredictor m_predictor;

    private final Settings m_settings;

    /** Outputs (absolute, normalised) claimed by earlier rows, with the row that claimed each. */
    private final Map<Path, String> m_claimed = new HashMap<>();

    /** Output folders whose partial files of killed runs were removed already. */
    private final Set<Path> m_cleaned = new HashSet<>();

    /**
     * @param predictor the loaded model (computing probabilities if {@code settings.probabilities()})
     * @param settings  how rows are processed
     */
    public RowProcessor(final FilePredictor predictor, final Settings settings) {
        m_predictor = predictor;
        m_settings = settings;
    }

    /**
     * Segments one input and writes its outputs.
     *
     * @param rowKey  the row's key (named when a later row's outputs collide with this one's)
     * @param input   a TIFF file or an OME-Zarr store (made absolute here)
     * @param monitor progress within the image and cancel checks
     * @return what happened
     * @throws CanceledException if the monitor says so; nothing of this input is left behind
     */
    public RowResult process(final String rowKey, final Path input, final ProgressMonitor monitor)
            throws CanceledException {
        final Path in = input.toAbsolutePath().normalize();
        final String name = in.getFileName() == null ? in.toString() : in.getFileName().toString();
        if (OutputNames.isOutput(name, m_settings.suffix())) {
            return skipped(null, null, "named like an output of Convpaint (" + m_settings.suffix() + " or "
                + OutputNames.PROBABILITIES_SUFFIX + "); not taken as an input");
        }
        final OutputFormat format = m_settings.format().formatFor(in);
        final Path folder = m_settings.outputFolder() != null ? m_settings.outputFolder() : in.getParent();
        final Path labels = OutputNames.labels(folder, in, m_settings.suffix(), format);
        final Path probs = m_settings.probabilities() ? OutputNames.probabilities(folder, in, format) : null;
        final String other = claim(rowKey, labels, probs);
        if (other != null) {
            return RowResult.failed("its output " + labels.getFileName() + " has the name of the output of row "
                + other + " (same file name); give the two inputs different names or different output folders",
                null);
        }
        final boolean labelsExist = Files.exists(labels);
        final boolean probsExist = probs != null && Files.exists(probs);
        if (!m_settings.overwrite() && (labelsExist || probsExist)) {
            return skipped(labelsExist ? labels : null, probsExist ? probs : null,
                "output exists (enable 'Overwrite existing files' to replace it)");
        }
        if (m_cleaned.add(folder)) {
            TempFiles.removeStale(folder); // partial files of a killed KNIME on this machine
        }
        final long start = System.nanoTime();
        try {
            final FilePredictor.Result r = m_predictor.predict(new InputRequest(in, m_settings.axes(), 0),
                new OutputTargets(format, labels, probs, false), m_settings.channels(), monitor);
            return new RowResult(RowResult.Status.DONE, labels, probs, r.axes(), r.shape(), r.seconds(), null,
                r.warnings());
        } catch (CanceledException e) {
            throw e;
        } catch (ConvpaintException e) {
            return RowResult.failed(reason(e, in), since(start));
        } catch (IOException e) {
            return RowResult.failed("cannot write " + labels + ": " + reason(e), since(start));
        } catch (OutOfMemoryError e) { // NOSONAR: the heap is usable again once the image's arrays are gone
            return RowResult.failed("out of memory; give KNIME more memory (-Xmx in knime.ini) or process smaller "
                + "images", since(start));
        } catch (RuntimeException e) {
            return RowResult.failed("internal error: " + e, since(start));
        }
    }

    /** Claims the outputs for {@code rowKey}; returns the row that claimed one of them before, or null. */
    private String claim(final String rowKey, final Path labels, final Path probs) {
        for (Path p : probs == null ? List.of(labels) : List.of(labels, probs)) {
            final String before = m_claimed.get(p.toAbsolutePath().normalize());
            if (before != null) {
                return before;
            }
        }
        m_claimed.put(labels.toAbsolutePath().normalize(), rowKey);
        if (probs != null) {
            m_claimed.put(probs.toAbsolutePath().normalize(), rowKey);
        }
        return null;
    }

    private static RowResult skipped(final Path labels, final Path probs, final String message) {
        return new RowResult(RowResult.Status.SKIPPED, labels, probs, null, null, null, message, List.of());
    }

    private static double since(final long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The engine's message without the input's path (the row names the input): a file inside the input (a chunk of
     * a Zarr store) relative to it, any other file with its path.
     */
    static String reason(final ConvpaintException e, final Path input) {
        final Path file = e.file().orElse(null);
        if (file == null || input.equals(file)) {
            return e.reason();
        }
        return file.startsWith(input) ? input.relativize(file) + ": " + e.reason() : e.getMessage();
    }

    /** "permission denied", "no space left on device", "read-only file system", ... for a failed write. */
    static String reason(final IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        final String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
