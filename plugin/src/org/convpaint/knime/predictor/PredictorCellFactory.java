package org.convpaint.knime.predictor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.convpaint.CanceledException;
import org.convpaint.ConvpaintException;
import org.convpaint.features.DjlRuntime;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.OutputNames;
import org.convpaint.io.PredictionOutput;
import org.convpaint.knime.common.ExecutionProgress;
import org.convpaint.knime.imglib.ImgPlusImageSource;
import org.convpaint.knime.imglib.LabelingCollector;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.PredictionOutputs;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataType;
import org.knime.core.data.container.AbstractCellFactory;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeLogger;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;
import org.knime.knip.base.data.labeling.LabelingCellFactory;

import net.imagej.ImgPlus;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Produces the labeling cell (and optionally the probabilities cell) of each row. The image of a row is handed to
 * the engine through {@link ImgPlusImageSource}; the engine's results are collected by a {@link LabelingCollector}
 * and, if label files are wanted, written by the engine's {@link PredictionOutputs} (OME-TIFF or OME-Zarr) at
 * the same time. A missing
 * image gives missing cells; a row that fails gives missing cells and is counted and logged, and the node goes on.
 * Rows are processed one after the other (the predictor is not thread-safe; it uses all cores itself).
 */
final class PredictorCellFactory extends AbstractCellFactory {
    private static final NodeLogger LOGGER = NodeLogger.getLogger(PredictorCellFactory.class);
    private static final int MAX_REPORTED_WARNINGS = 20;

    /** What execution needs; absent when the factory only describes the output columns (configure). */
    record Run(ImagePredictor predictor, List<Integer> channels, ExecutionContext exec, long rowCount,
            Path outputFolder, String fileSuffix, OutputFormat fileFormat, boolean overwrite) {
    }

    private final int imageColumn;
    private final Run run;
    private final boolean probabilities;
    private final LabelingCellFactory labelingCells;
    private final ImgPlusCellFactory imageCells;
    private final Set<Path> writtenFiles = new HashSet<>();
    private final Set<String> engineWarnings = new LinkedHashSet<>();
    private int failed;
    private String firstFailure;
    private int skippedFiles;
    private boolean canceled;
    private boolean announced;

    /**
     * @param specs       labeling column, then the probabilities column if wanted
     * @param imageColumn index of the image column in the input
     * @param run         null to describe the columns only
     */
    PredictorCellFactory(final DataColumnSpec[] specs, final int imageColumn, final Run run) {
        super(specs);
        this.imageColumn = imageColumn;
        this.run = run;
        this.probabilities = specs.length > 1;
        this.labelingCells = run == null ? null : new LabelingCellFactory(run.exec());
        this.imageCells = run == null || !probabilities ? null : new ImgPlusCellFactory(run.exec());
    }

    @Override
    public DataCell[] getCells(final DataRow row, final long rowIndex) {
        final DataCell cell = row.getCell(imageColumn);
        if (run == null || cell.isMissing() || canceled) {
            return missing();
        }
        final String key = row.getKey().getString();
        try {
            return DjlRuntime.withEngineClassLoader(() -> predict((ImgPlusValue<?>) cell, key, rowIndex));
        } catch (CanceledException e) {
            canceled = true;
        } catch (ConvpaintException e) {
            fail(key, e.getMessage(), null);
        } catch (IOException e) {
            fail(key, "I/O error: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            fail(key, "out of memory; give KNIME more memory (-Xmx in knime.ini) or process smaller images", null);
        } catch (Exception e) {
            fail(key, "internal error: " + e, e);
        }
        return missing();
    }

    private DataCell[] predict(final ImgPlusValue<?> value, final String key, final long rowIndex)
            throws ConvpaintException, IOException {
        final ImgPlusImageSource source = ImgPlusImageSource.of(value.getImgPlus());
        final ImagePredictor predictor = run.predictor();
        predictor.checkChannels(source, run.channels());
        if (!announced) {
            // the rows still to come: a long run lets the classifier prepare (compiled trees)
            predictor.expectImages(run.rowCount() - rowIndex);
            announced = true;
        }
        final LabelingCollector collector = new LabelingCollector(source, probabilities);
        final Path labelsFile = labelsFile(source, key);
        final ExecutionProgress progress = new ExecutionProgress(run.exec(), rowIndex, run.rowCount(), key);
        try (PredictionOutput writer = labelsFile == null ? null
                : PredictionOutputs.open(run.fileFormat(), labelsFile, null, source)) {
            predictor.predict(source, run.channels(), (t, labels, seg) -> {
                collector.accept(t, labels, seg);
                if (writer != null) {
                    writer.accept(t, labels, seg);
                }
            }, progress);
            if (writer != null) {
                writer.finish();
            }
        }
        for (String w : collector.warnings()) {
            if (engineWarnings.size() < MAX_REPORTED_WARNINGS && engineWarnings.add(w)) {
                LOGGER.warn("Convpaint: " + key + ": " + w);
            }
        }
        final DataCell[] cells = new DataCell[probabilities ? 2 : 1];
        cells[0] = labelingCells.createCell(collector.labeling(), collector.metadata());
        if (probabilities) {
            final ImgPlus<FloatType> p = collector.probabilities();
            cells[1] = p == null ? DataType.getMissingCell() : imageCells.createCell(p);
        }
        return cells;
    }

    /** Where to write this row's label file; null if files are not wanted or it exists and may not be replaced. */
    private Path labelsFile(final ImgPlusImageSource source, final String key) {
        if (run.outputFolder() == null) {
            return null;
        }
        final String extension = run.fileFormat().extension();
        Path file = run.outputFolder().resolve(stem(source.image().getName(), key) + run.fileSuffix() + extension);
        if (writtenFiles.contains(file)) {
            // two rows with the same image name: the second is named after its row
            file = run.outputFolder().resolve(safe(key) + run.fileSuffix() + extension);
        }
        writtenFiles.add(file);
        if (!run.overwrite() && Files.exists(file)) {
            skippedFiles++;
            LOGGER.info("Convpaint: " + key + ": " + file + " exists and was not replaced");
            return null;
        }
        return file;
    }

    /**
     * File name stem from the image name (without folders and image extensions, by the engine's
     * {@link OutputNames} rule), else from the row key.
     */
    static String stem(final String imageName, final String rowKey) {
        String name = imageName == null ? "" : imageName.strip();
        name = OutputNames.stem(name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1));
        final String s = safe(name);
        return s.isEmpty() ? safe(rowKey) : s;
    }

    private static String safe(final String text) {
        return text.replaceAll("[^A-Za-z0-9._() -]", "_").strip();
    }

    private void fail(final String key, final String reason, final Throwable e) {
        failed++;
        final String message = key + ": " + reason;
        if (firstFailure == null) {
            firstFailure = message;
        }
        if (e == null) {
            LOGGER.warn("Convpaint: row " + message);
        } else {
            LOGGER.warn("Convpaint: row " + message, e);
        }
    }

    private DataCell[] missing() {
        final DataCell[] cells = new DataCell[probabilities ? 2 : 1];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = DataType.getMissingCell();
        }
        return cells;
    }

    boolean canceled() {
        return canceled;
    }

    int failedRows() {
        return failed;
    }

    String firstFailure() {
        return firstFailure;
    }

    int skippedFiles() {
        return skippedFiles;
    }

    Set<String> engineWarnings() {
        return engineWarnings;
    }
}
