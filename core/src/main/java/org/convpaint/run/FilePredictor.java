package org.convpaint.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.axes.AxesResolver;
import org.convpaint.features.WeightsLocator;
import org.convpaint.image.ImageSource;
import org.convpaint.io.PredictionOutput;
import org.convpaint.pipeline.ProgressMonitor;

/**
 * Segments image files (TIFF) and stores (OME-Zarr) with an {@link ImagePredictor}: decides the axes (override,
 * metadata, tmidas' rule), checks the channels against the model, runs every timepoint and writes the label image
 * (and optionally the probabilities) atomically, as OME-TIFF or OME-Zarr. Not thread-safe.
 */
public final class FilePredictor {
    private final ImagePredictor predictor;

    public FilePredictor(ImagePredictor predictor) {
        this.predictor = predictor;
    }

    public ImagePredictor predictor() {
        return predictor;
    }

    /**
     * What happened to one file.
     *
     * @param axes         the axes used
     * @param axesSource   how they were decided
     * @param shape        the input shape in {@code axes} order
     * @param outputAxes   axes of the label image
     * @param seconds      wall time
     * @param stageSeconds time per pipeline stage, summed over timepoints
     * @param timepointSeconds wall time of each timepoint (reading, segmenting and writing it), in order
     * @param warnings     convpaint's warnings for this image (deduplicated)
     */
    public record Result(String axes, AxesResolver.Source axesSource, int[] shape, String outputAxes, double seconds,
            Map<String, Double> stageSeconds, List<Double> timepointSeconds, List<String> warnings) {
    }

    /**
     * As {@link #predict(InputRequest, OutputTargets, List, ProgressMonitor)} for a TIFF file with TIFF outputs.
     *
     * @param input        TIFF file
     * @param labelsOut    where to write labels (replaced atomically)
     * @param probsOut     where to write probabilities, or null
     * @param axesOverride axes given by the user, or null
     * @param channels     channel selection (see {@link ImagePredictor#predict}), or null
     */
    public Result predict(Path input, Path labelsOut, Path probsOut, String axesOverride, List<Integer> channels,
            ProgressMonitor monitor) throws ConvpaintException, IOException {
        return predict(new InputRequest(input, axesOverride, 0), OutputTargets.tiff(labelsOut, probsOut), channels,
                monitor);
    }

    /**
     * Segments one input (TIFF file or OME-Zarr store) and writes its outputs.
     *
     * @param channels channel selection (see {@link ImagePredictor#predict}), or null
     * @throws InvalidInputException naming the input for unreadable images, images that do not fit the model, and
     *                               labels asked into a TIFF input
     * @throws IOException           if an output cannot be written (nothing half-written remains)
     */
    public Result predict(InputRequest input, OutputTargets targets, List<Integer> channels, ProgressMonitor monitor)
            throws ConvpaintException, IOException {
        long start = System.nanoTime();
        Map<String, Double> stages = new LinkedHashMap<>();
        java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
        try (OpenedInput opened = OpenedInput.open(input, predictor.model().params().channelMode(),
                predictor.modelChannels())) {
            ImageSource source = opened.source();
            predictor.checkChannels(source, channels);
            try (PredictionOutput writer = PredictionOutputs.open(input.path(), opened, targets)) {
                List<Double> perTimepoint = new java.util.ArrayList<>();
                long[] since = {System.nanoTime()};
                predictor.predict(source, channels, (t, labels, seg) -> {
                    seg.stageSeconds().forEach((k, v) -> stages.merge(k, v, Double::sum));
                    warnings.addAll(seg.warnings());
                    long write = System.nanoTime();
                    writer.accept(t, labels, seg);
                    long now = System.nanoTime();
                    stages.merge("write", (now - write) / 1e9, Double::sum);
                    perTimepoint.add((now - since[0]) / 1e9);
                    since[0] = now;
                }, monitor);
                long finish = System.nanoTime();
                writer.finish();
                stages.merge("write", (System.nanoTime() - finish) / 1e9, Double::sum);
                AxesResolver.Resolved resolved = opened.resolved();
                return new Result(resolved.axes(), resolved.source(), source.shape(), writer.outputAxes(),
                        (System.nanoTime() - start) / 1e9, stages, List.copyOf(perTimepoint), List.copyOf(warnings));
            }
        } catch (InvalidInputException e) {
            throw e.file().isPresent() ? e : new InvalidInputException(e.getMessage(), input.path(), e);
        }
    }

    /**
     * Convenience for embedding: loads {@code model} (weights from {@code weights}, then the usual places),
     * segments {@code input} with napari-tmidas' defaults and writes {@code labelsOut}.
     */
    public static Result predictWithDefaults(Path model, List<Path> weights, Path input, Path labelsOut)
            throws ConvpaintException, IOException {
        try (ImagePredictor p = ImagePredictor.open(model, WeightsLocator.fromEnvironment(weights),
                PredictionOptions.defaults(), w -> { })) {
            return new FilePredictor(p).predict(input, labelsOut, null, null, null, ProgressMonitor.NONE);
        }
    }
}
