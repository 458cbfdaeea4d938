package org.convpaint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.convpaint.ConvpaintException;
import org.convpaint.features.WeightsLocator;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.OutputNames;
import org.convpaint.io.ngff.LabelTarget;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.run.FilePredictor;
import org.convpaint.run.ImagePredictor;
import org.convpaint.run.InputRequest;
import org.convpaint.run.OutputTargets;
import org.convpaint.run.OutputType;
import org.convpaint.run.PredictionOptions;
import org.convpaint.scratch.TempFiles;

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
        description = "Segment TIFF images and OME-Zarr stores with a napari-convpaint model; writes "
                + "<name><suffix>.tif or .ome.zarr (uint32 labels).")
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

    @Option(names = "--level", paramLabel = "N", defaultValue = "0",
            description = "OME-Zarr resolution level to segment (default: ${DEFAULT-VALUE}, full resolution).")
    int level;

    @Option(names = "--probabilities", description = "Also write <name>_convpaint_probabilities.tif or .ome.zarr "
            + "(float32, class axis first).")
    boolean probabilities;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: tiff or zarr (OME-Zarr, NGFF 0.4); default: the input's own format.")
    String format;

    @Option(names = "--into-input", description = "Also write the labels into each OME-Zarr input as its NGFF "
            + "label image labels/convpaint (the image arrays are never touched).")
    boolean intoInput;

    @Option(names = "--no-separate", description = "With --into-input: write the labels only into the input, "
            + "no separate label output.")
    boolean noSeparate;

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

    @Option(names = "--scratch", paramLabel = "DIR",
            description = "Folder for scratch files: class probabilities and labels of images too large for the "
                    + "heap go there (default: the system temp folder; pick a disk with room).")
    Path scratch;

    @Option(names = "--tile", paramLabel = "PIXELS",
            description = "Tile side in pixels (default: chosen from --memory).")
    Integer tile;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Option(names = {"-r", "--recursive"},
            description = "Also process TIFFs and .zarr stores in sub-folders of input folders.")
    boolean recursive;

    @Option(names = "--glob", paramLabel = "PATTERN",
            description = "Only files whose name matches, e.g. '*_ch1.tif' (applies to folder contents).")
    String glob;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Process only the I-th of N slices of the sorted inputs (I = 1..N), for job arrays.")
    String shard;

    @Option(names = "--report", paramLabel = "FILE.json",
            description = "Write a JSON report: per input the output, axes, shape, seconds, status and error.")
    Path report;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "TIFF files, OME-Zarr stores (.zarr folders) "
            + "and/or folders of them.")
    List<Path> inputs;

    @Override
    public boolean verbose() {
        return verbose;
    }

    /** A model or weights error escaping {@link #call()} stops the run before any input: usage-level, exit 2. */
    @Override
    public int failureCode() {
        return Main.EXIT_USAGE;
    }

    @Override
    public Integer call() throws Exception {
        PredictionOptions options = options();
        int[] slice = shard();
        PrintWriter err = spec.commandLine().getErr();
        List<InputCollector.Input> files = new InputCollector(recursive, glob, suffix).collect(inputs);
        checkOutputs(files);
        if (slice != null) {
            files = InputCollector.shard(files, slice[0], slice[1]);
        }
        if (outputDir != null && !files.isEmpty()) {
            String problem = OutputFolders.unwritable(outputDir);
            if (problem != null) {
                throw new ParameterException(spec.commandLine(), "cannot write to the output folder " + outputDir
                        + ": " + problem + "; choose another with -o");
            }
        }
        RunReport run = new RunReport(model.toString());
        if (files.isEmpty()) {
            if (!quiet) {
                err.println("convpaint: no TIFF files or OME-Zarr stores to process"
                        + (slice != null ? " in shard " + shard : ""));
            }
            writeReport(run, err);
            return Main.EXIT_OK;
        }
        ProgressDisplay progress = new ProgressDisplay(err, !quiet && ProgressDisplay.interactive(), files.size());
        removeStaleTemporaryFiles(files, options, progress);
        WeightsLocator locator = new WeightsLocator(weights, parent.env(),
                java.nio.file.Path.of(System.getProperty("user.home", ".")));
        long t0 = System.nanoTime();
        try (ImagePredictor predictor = ImagePredictor.open(model, locator, options,
                m -> progress.log("convpaint: warning: " + m))) {
            if (verbose) {
                progress.log(String.format(Locale.ROOT, "convpaint: loaded model %s (%s, %s) in %.1f s",
                        model.getFileName(), predictor.model().params().featureExtractor(),
                        predictor.model().classifier().name(), (System.nanoTime() - t0) / 1e9));
            }
            FilePredictor filePredictor = new FilePredictor(predictor);
            for (InputCollector.Input input : files) {
                progress.startFile(input.file().getFileName().toString());
                run.add(processFile(filePredictor, input, progress));
                progress.endFile();
            }
        } finally {
            progress.finish();
        }
        if (files.size() > 1 && (!quiet || run.count(RunReport.Status.FAILED) > 0)) {
            run.printSummary(err);
        }
        writeReport(run, err);
        err.flush();
        return run.count(RunReport.Status.FAILED) == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /**
     * Removes partial outputs and scratch files that a killed run of this tool (on this machine) left in the
     * folders this run writes to.
     */
    private void removeStaleTemporaryFiles(List<InputCollector.Input> files, PredictionOptions options,
            ProgressDisplay progress) {
        java.util.Set<Path> folders = new java.util.LinkedHashSet<>();
        files.forEach(f -> folders.add(outputFolder(f)));
        if (intoInput) {
            files.forEach(f -> folders.add(LabelTarget.labelsGroup(f.file())));
        }
        Path scratchFolder = options.storage().scratchFolder();
        folders.add(scratchFolder);
        int removed = folders.stream().mapToInt(TempFiles::removeStale).sum();
        if (removed > 0 && verbose) {
            progress.log("convpaint: removed " + removed + " temporary file" + (removed == 1 ? "" : "s")
                    + " left by an interrupted run");
        }
    }

    private void writeReport(RunReport run, PrintWriter err) {
        if (report == null) {
            return;
        }
        try {
            run.writeJson(report);
        } catch (IOException e) {
            err.println("convpaint: cannot write report " + report + " (" + e.getMessage() + ")");
        }
    }

    /** {I, N} of {@code --shard I/N}, or null. */
    private int[] shard() {
        if (shard == null) {
            return null;
        }
        String[] parts = shard.split("/");
        try {
            int i = Integer.parseInt(parts[0].strip());
            int n = Integer.parseInt(parts[1].strip());
            if (parts.length == 2 && n >= 1 && i >= 1 && i <= n) {
                return new int[] {i, n};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--shard must be I/N with 1 <= I <= N, not '" + shard + "'");
    }

    /**
     * Refuses inputs whose outputs would be the same file (same name given from two folders, or two input folders
     * with the same layout), before anything is computed.
     */
    private void checkOutputs(List<InputCollector.Input> files) {
        java.util.Map<Path, Path> seen = new java.util.HashMap<>();
        for (InputCollector.Input in : files) {
            if (labelsFile(in) == null) {
                continue;
            }
            Path target = labelsFile(in).toAbsolutePath().normalize();
            Path other = seen.putIfAbsent(target, in.file());
            if (other != null) {
                throw new ParameterException(spec.commandLine(), "inputs " + other + " and " + in.file()
                        + " would both write " + labelsFile(in) + "; give them separately with different -o "
                        + "folders, or pass their common parent folder with --recursive (outputs then mirror "
                        + "the sub-folders)");
            }
        }
    }

    /** Folder of an input's outputs: next to it, or under {@code -o} at the input's place in its folder tree. */
    private Path outputFolder(InputCollector.Input in) {
        return outputDir != null ? outputDir.resolve(in.folder()) : in.file().toAbsolutePath().getParent();
    }

    /** Format of an input's outputs: {@code --format}, else the input's own (a folder is an OME-Zarr store). */
    private OutputFormat formatOf(InputCollector.Input in) {
        if (format != null) {
            return OutputFormat.parse(format);
        }
        return Files.isDirectory(in.file()) ? OutputFormat.ZARR : OutputFormat.TIFF;
    }

    /** The separate label output of an input, or null when labels go only into the input store. */
    private Path labelsFile(InputCollector.Input in) {
        return noSeparate ? null : OutputNames.labels(outputFolder(in), in.file(), suffix, formatOf(in));
    }

    /** Every label output of an input: the separate one and the one inside the input store. */
    private List<Path> labelOutputs(InputCollector.Input in) {
        List<Path> out = new ArrayList<>();
        if (labelsFile(in) != null) {
            out.add(labelsFile(in));
        }
        if (intoInput) {
            out.add(LabelTarget.storeInside(in.file()));
        }
        return out;
    }

    /** Predicts one input and accounts for it; never throws for problems of that input. */
    private RunReport.Entry processFile(FilePredictor files, InputCollector.Input in, ProgressDisplay progress) {
        Path input = in.file();
        // with --no-separate every output of the input is OME-Zarr: the labels in the store, probabilities beside it
        OutputFormat outputFormat = noSeparate ? OutputFormat.ZARR : formatOf(in);
        Path labelsFile = labelsFile(in);
        List<Path> labelOutputs = labelOutputs(in);
        String shown = labelOutputs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "));
        Path probsFile = probabilities ? OutputNames.probabilities(outputFolder(in), input, outputFormat) : null;
        if (!overwrite && (labelOutputs.stream().anyMatch(Files::exists)
                || (probsFile != null && Files.exists(probsFile)))) {
            if (!quiet) {
                progress.log("convpaint: " + input + ": output exists, skipped (use --overwrite)");
            }
            return new RunReport.Entry(input.toString(), shown, RunReport.Status.SKIPPED, null, null,
                    null, null, "output exists");
        }
        List<Integer> selection = channel != null ? List.of(channel) : channels;
        String error;
        Throwable cause;
        try {
            FilePredictor.Result r = files.predict(new InputRequest(input, axes, level),
                    new OutputTargets(outputFormat, labelsFile, probsFile, intoInput), selection, progress);
            if (verbose) {
                StringBuilder sb = new StringBuilder();
                r.stageSeconds().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.2f s;", k, v)));
                progress.log("convpaint: " + input + " stage times:" + sb);
                if (r.timepointSeconds().size() > 1) {
                    List<Double> ts = r.timepointSeconds().stream().sorted().toList();
                    progress.log(String.format(Locale.ROOT, "convpaint: %s: %d timepoints, seconds per timepoint "
                            + "min %.2f / median %.2f / max %.2f (first %.2f)", input, ts.size(),
                            ts.get(0), ts.get(ts.size() / 2), ts.get(ts.size() - 1), r.timepointSeconds().get(0)));
                }
                r.warnings().forEach(w -> progress.log("convpaint: " + input + ": note: " + w));
            }
            if (!quiet) {
                progress.log(String.format(Locale.ROOT, "convpaint: %s -> %s (axes %s from %s, shape %s, %.1f s)",
                        input, shown, r.axes(),
                        r.axesSource().name().toLowerCase(Locale.ROOT), java.util.Arrays.toString(r.shape()),
                        r.seconds()));
            }
            return new RunReport.Entry(input.toString(), shown, RunReport.Status.DONE, r.axes(),
                    r.shape(), r.seconds(), r.timepointSeconds(), null);
        } catch (ConvpaintException e) {
            // a file inside the input (a Zarr chunk) is named relative to it, after the input's path
            Path file = e.file().orElse(null);
            error = input.equals(file) ? e.reason()
                    : file != null && file.startsWith(input) ? input.relativize(file) + ": " + e.reason()
                    : e.getMessage();
            cause = e;
        } catch (IOException e) {
            error = "cannot write " + shown + ": " + OutputFolders.reason(e);
            cause = e;
        } catch (OutOfMemoryError e) {
            error = "out of memory; give Java more (CONVPAINT_JAVA_OPTS=-Xmx8g) or lower --memory / --tile";
            cause = e;
        } catch (RuntimeException e) {
            error = "internal error: " + e + (verbose ? "" : " (run with --verbose for details)");
            cause = e;
        }
        progress.log("convpaint: " + input + ": " + error);
        if (verbose) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            progress.log(trace.toString().stripTrailing());
        }
        return new RunReport.Entry(input.toString(), null, RunReport.Status.FAILED, null, null, null, null, error);
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
        if (format != null) {
            try {
                OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
            }
        }
        if (level < 0) {
            throw new ParameterException(spec.commandLine(), "--level must be >= 0");
        }
        if (noSeparate && !intoInput) {
            throw new ParameterException(spec.commandLine(), "--no-separate needs --into-input");
        }
        if (noSeparate && probabilities && format != null && OutputFormat.parse(format) == OutputFormat.TIFF) {
            throw new ParameterException(spec.commandLine(), "--no-separate with --probabilities writes the "
                    + "probabilities as OME-Zarr; drop --format tiff");
        }
        if (scratch != null && !Files.isDirectory(scratch)) {
            throw new ParameterException(spec.commandLine(), "--scratch: " + scratch + " is not a folder");
        }
        long budget = memory == null ? 0 : parseSize(memory);
        return PredictionOptions.builder().imageDownsample(downsample).outputType(type)
                .backgroundLabel(backgroundLabel).probabilities(probabilities).forceCpu(cpu).threads(n)
                .tiles(new TileSettings(tile == null ? 0 : tile, budget)).storage(new StoragePolicy(0, scratch)).build();
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
}
