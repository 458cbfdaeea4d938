package org.convpaint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.convpaint.ConvpaintException;
import org.convpaint.features.WeightsLocator;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.run.FilePredictor;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code convpaint predict}: label images for TIFF files, with napari-tmidas' defaults (downsample 2, semantic,
 * background label 1). The model and feature extractor are loaded once for all inputs.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Segment TIFF images with a napari-convpaint model; writes <name><suffix>.tif (uint32).")
final class PredictCommand implements Callable<Integer>, ErrorReporter.Verbosity, ErrorReporter.ExitCodes {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.pkl",
            description = "napari-convpaint model file.")
    Path model;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Pretrained weights (.pth) for the feature extractor; repeatable. Default: "
                    + "$CONVPAINT_WEIGHTS_DIR, then the torch hub cache.")
    List<Path> weights = new ArrayList<>();

    @Option(names = "--downsample", paramLabel = "N", defaultValue = "2",
            description = "image_downsample: 1 = full resolution, N > 1 = N× block-mean downscaling before "
                    + "features (default: ${DEFAULT-VALUE}).")
    int downsample;

    @Option(names = "--output-type", paramLabel = "TYPE", defaultValue = "semantic",
            description = "semantic (class values) or instance (connected components; default: ${DEFAULT-VALUE}).")
    String outputType;

    @Option(names = "--background-label", paramLabel = "B", defaultValue = "1",
            description = "Class set to 0 in the output; 0 keeps all classes (default: ${DEFAULT-VALUE}).")
    int backgroundLabel;

    @Option(names = "--axes", paramLabel = "AXES",
            description = "Axes of the inputs, letters from T, Z, C, Y, X ending in YX (e.g. TZYX, CYX); "
                    + "default: file metadata, else napari-tmidas' rule.")
    String axes;

    @Option(names = "--channel", paramLabel = "N",
            description = "Channel processed by a single-channel model on a multi-channel image.")
    Integer channel;

    @Option(names = "--channels", split = ",", paramLabel = "I,J,...",
            description = "Channels given to a multi-channel or RGB model (their count must match the model).")
    List<Integer> channels;

    @Option(names = "--probabilities", description = "Also write <name>_convpaint_probabilities.tif (float32, "
            + "class axis first).")
    boolean probabilities;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Folder for the outputs (default: next to each input).")
    Path outputDir;

    @Option(names = "--suffix", defaultValue = "_convpaint_labels",
            description = "Suffix of label files (default: ${DEFAULT-VALUE}).")
    String suffix;

    @Option(names = "--overwrite", description = "Replace existing outputs (default: skip them).")
    boolean overwrite;

    @Option(names = "--cpu", description = "Never use a GPU.")
    boolean cpu;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Memory the tiles may use, e.g. 2g or 800m (default: half the Java heap).")
    String memory;

    @Option(names = "--tile", paramLabel = "PIXELS",
            description = "Tile side in pixels (default: chosen from --memory).")
    Integer tile;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Parameters(paramLabel = "INPUT.tif", arity = "1..*", description = "TIFF images.")
    List<Path> inputs;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public int failureCode() {
        return Main.EXIT_FAILED;
    }

    @Override
    public Integer call() throws Exception {
        PredictionOptions options = options();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        WeightsLocator locator = new WeightsLocator(weights, parent.env(),
                java.nio.file.Path.of(System.getProperty("user.home", ".")));
        try (ImagePredictor predictor = ImagePredictor.open(model, locator, options,
                m -> err.println("convpaint: warning: " + m))) {
            FilePredictor files = new FilePredictor(predictor);
            for (Path input : inputs) {
                try {
                    processFile(files, input, err);
                } catch (ConvpaintException e) {
                    failed++;
                    String msg = e.getMessage();
                    err.println("convpaint: " + (e.file().isPresent() ? msg : input.getFileName() + ": " + msg));
                    if (verbose) {
                        e.printStackTrace(err);
                    }
                } catch (IOException e) {
                    failed++;
                    err.println("convpaint: " + input.getFileName() + ": cannot write output (" + e.getMessage()
                            + ")");
                } catch (OutOfMemoryError e) {
                    failed++;
                    err.println("convpaint: " + input.getFileName() + ": out of memory; give Java more "
                            + "(CONVPAINT_JAVA_OPTS=-Xmx8g) or lower --memory / --tile");
                } catch (RuntimeException e) {
                    failed++;
                    err.println("convpaint: " + input.getFileName() + ": internal error: " + e
                            + (verbose ? "" : " (run with --verbose for details)"));
                    if (verbose) {
                        e.printStackTrace(err);
                    }
                }
            }
        }
        err.flush();
        return failed == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private PredictionOptions options() {
        OutputType type;
        try {
            type = OutputType.valueOf(outputType.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--output-type must be semantic or instance, not '"
                    + outputType + "'");
        }
        if (downsample < 1 || downsample > 20) {
            throw new ParameterException(spec.commandLine(), "--downsample must be between 1 and 20");
        }
        if (backgroundLabel < 0) {
            throw new ParameterException(spec.commandLine(), "--background-label must be >= 0");
        }
        if (channel != null && channels != null) {
            throw new ParameterException(spec.commandLine(), "give either --channel or --channels, not both");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1");
        }
        if (tile != null && tile < 1) {
            throw new ParameterException(spec.commandLine(), "--tile must be >= 1");
        }
        long budget = memory == null ? 0 : parseSize(memory);
        return new PredictionOptions(downsample, type, backgroundLabel, probabilities, cpu, n,
                new TileSettings(tile == null ? 0 : tile, budget));
    }

    /** Parses sizes like {@code 2g}, {@code 800m}, {@code 1048576}. */
    private long parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("g") || t.endsWith("m") || t.endsWith("k")) {
            unit = t.endsWith("g") ? 1L << 30 : t.endsWith("m") ? 1L << 20 : 1L << 10;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--memory must be a size like 2g or 800m, not '"
                    + text + "'");
        }
    }

    private void processFile(FilePredictor files, Path input, PrintWriter err)
            throws ConvpaintException, IOException {
        Path dir = outputDir != null ? outputDir : input.toAbsolutePath().getParent();
        String stem = stem(input.getFileName().toString());
        Path labelsFile = dir.resolve(stem + suffix + ".tif");
        Path probsFile = probabilities ? dir.resolve(stem + "_convpaint_probabilities.tif") : null;
        if (!overwrite && (Files.exists(labelsFile) || (probsFile != null && Files.exists(probsFile)))) {
            if (!quiet) {
                err.println("convpaint: " + input.getFileName() + ": output exists, skipped (use --overwrite)");
            }
            return;
        }
        List<Integer> selection = channel != null ? List.of(channel) : channels;
        FilePredictor.Result r = files.predict(input, labelsFile, probsFile, axes, selection, ProgressMonitor.NONE);
        if (verbose) {
            StringBuilder sb = new StringBuilder();
            r.stageSeconds().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.2f s;", k, v)));
            err.println("convpaint: " + input.getFileName() + " stage times:" + sb);
            r.warnings().forEach(w -> err.println("convpaint: " + input.getFileName() + ": note: " + w));
        }
        if (!quiet) {
            err.printf("convpaint: %s -> %s (axes %s from %s, %.1f s)%n", input.getFileName(),
                    labelsFile.getFileName(), r.axes(), r.axesSource().name().toLowerCase(Locale.ROOT), r.seconds());
        }
    }

    /** File name without {@code .tif}/{@code .tiff} (and a preceding {@code .ome}). */
    static String stem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".ome.tiff", ".ome.tif", ".tiff", ".tif"}) {
            if (lower.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
