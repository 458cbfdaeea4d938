package org.convpaint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.convpaint.ConvpaintException;
import org.convpaint.cli.CommandSyntax.Type;
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

/**
 * {@code convpaint predict}: label images for TIFF files, with napari-tmidas' defaults (downsample 2, semantic,
 * background label 1). The model and feature extractor are loaded once for all inputs.
 */
final class PredictCommand implements Callable<Integer>, ErrorReporter.Verbosity, ErrorReporter.ExitCodes {
    static final String NAME = "convpaint predict";
    static final String DESCRIPTION = "Segment TIFF images and OME-Zarr stores with a napari-convpaint model; "
            + "writes <name><suffix>.tif or .ome.zarr (uint32 labels).";

    private final PrintWriter err;
    private final Map<String, String> env;

    Path model;
    List<Path> weights = new ArrayList<>();
    int downsample = 2;
    String outputType = "semantic";
    int backgroundLabel = 1;
    String axes;
    Integer channel;
    List<Integer> channels;
    int level;
    boolean probabilities;
    String format;
    boolean intoInput;
    boolean noSeparate;
    Path outputDir;
    String suffix = "_convpaint_labels";
    boolean overwrite;
    boolean cpu;
    Integer threads;
    String memory;
    Path scratch;
    Integer tile;
    boolean verbose;
    boolean quiet;
    boolean recursive;
    String glob;
    String shard;
    Path report;
    List<Path> inputs;

    /** The options, in help order. */
    static CommandSyntax syntax() {
        return new CommandSyntax(NAME, DESCRIPTION, List.of(
                option("-m", "--model", "MODEL.pkl", Type.PATH, true, "napari-convpaint model file."),
                repeatable("--weights", "FILE", Type.PATH, false, "Pretrained weights (.pth) for the feature "
                        + "extractor; repeatable. Default: $CONVPAINT_WEIGHTS_DIR, then the torch hub cache."),
                option(null, "--downsample", "N", Type.INT, false, "image_downsample: 1 = full resolution, N > 1 = "
                        + "N× block-mean downscaling before features (default: 2)."),
                option(null, "--output-type", "TYPE", Type.STRING, false, "semantic (class values) or instance "
                        + "(connected components; default: semantic)."),
                option(null, "--background-label", "B", Type.INT, false, "Class set to 0 in the output; 0 keeps all "
                        + "classes (default: 1)."),
                option(null, "--axes", "AXES", Type.STRING, false, "Axes of the inputs, letters from T, Z, C, Y, X "
                        + "ending in YX (e.g. TZYX, CYX); default: file metadata, else napari-tmidas' rule."),
                option(null, "--channel", "N", Type.INT, false, "Channel processed by a single-channel model on a "
                        + "multi-channel image."),
                repeatable("--channels", "I,J,...", Type.INT, true, "Channels given to a multi-channel or RGB model "
                        + "(their count must match the model)."),
                option(null, "--level", "N", Type.INT, false, "OME-Zarr resolution level to segment (default: 0, "
                        + "full resolution)."),
                flag(null, "--probabilities", "Also write <name>_convpaint_probabilities.tif or .ome.zarr "
                        + "(float32, class axis first)."),
                option(null, "--format", "FORMAT", Type.STRING, false, "Output format: tiff or zarr (OME-Zarr, NGFF "
                        + "0.4); default: the input's own format."),
                flag(null, "--into-input", "Also write the labels into each OME-Zarr input as its NGFF label image "
                        + "labels/convpaint (the image arrays are never touched)."),
                flag(null, "--no-separate", "With --into-input: write the labels only into the input, no separate "
                        + "label output."),
                option("-o", "--output-dir", "DIR", Type.PATH, false, "Folder for the outputs (default: next to "
                        + "each input)."),
                option(null, "--suffix", "<suffix>", Type.STRING, false, "Suffix of label files (default: "
                        + "_convpaint_labels)."),
                flag(null, "--overwrite", "Replace existing outputs (default: skip them)."),
                flag(null, "--cpu", "Never use a GPU."),
                option(null, "--threads", "N", Type.INT, false, "Worker threads (default: all cores)."),
                option(null, "--memory", "SIZE", Type.STRING, false, "Memory the tiles may use, e.g. 2g or 800m "
                        + "(default: half the Java heap)."),
                option(null, "--scratch", "DIR", Type.PATH, false, "Folder for scratch files: class probabilities "
                        + "and labels of images too large for the heap go there (default: the system temp folder; "
                        + "pick a disk with room)."),
                option(null, "--tile", "PIXELS", Type.INT, false, "Tile side in pixels (default: chosen from "
                        + "--memory)."),
                flag("-v", "--verbose", "Print stack traces of errors."),
                flag("-q", "--quiet", "Print only errors."),
                flag("-r", "--recursive", "Also process TIFFs and .zarr stores in sub-folders of input folders."),
                option(null, "--glob", "PATTERN", Type.STRING, false, "Only files whose name matches, e.g. "
                        + "'*_ch1.tif' (applies to folder contents)."),
                option(null, "--shard", "I/N", Type.STRING, false, "Process only the I-th of N slices of the sorted "
                        + "inputs (I = 1..N), for job arrays."),
                option(null, "--report", "FILE.json", Type.PATH, false, "Write a JSON report: per input the output, "
                        + "axes, shape, seconds, status and error.")), false,
                new CommandSyntax.Parameters("INPUT", true, "TIFF files, OME-Zarr stores (.zarr folders) and/or "
                        + "folders of them."));
    }

    private static CommandSyntax.Option option(String shortName, String longName, String label, Type type,
            boolean required, String description) {
        return new CommandSyntax.Option(shortName == null ? List.of(longName) : List.of(shortName, longName), label,
                type, false, false, required, description);
    }

    private static CommandSyntax.Option repeatable(String name, String label, Type type, boolean split,
            String description) {
        return new CommandSyntax.Option(List.of(name), label, type, true, split, false, description);
    }

    private static CommandSyntax.Option flag(String shortName, String longName, String description) {
        return option(shortName, longName, null, Type.FLAG, false, description);
    }

    /**
     * The command with the parsed arguments.
     *
     * @param err where progress, warnings and the summary go
     * @param env environment variables the command consults (e.g. {@code CONVPAINT_WEIGHTS_DIR})
     */
    PredictCommand(CommandSyntax.Parsed a, PrintWriter err, Map<String, String> env) {
        this.err = err;
        this.env = env;
        model = (Path) a.value("--model");
        for (Object w : a.values("--weights")) {
            weights.add((Path) w);
        }
        downsample = intOr(a, "--downsample", downsample);
        outputType = stringOr(a, "--output-type", outputType);
        backgroundLabel = intOr(a, "--background-label", backgroundLabel);
        axes = (String) a.value("--axes");
        channel = (Integer) a.value("--channel");
        if (!a.values("--channels").isEmpty()) {
            channels = new ArrayList<>();
            for (Object c : a.values("--channels")) {
                channels.add((Integer) c);
            }
        }
        level = intOr(a, "--level", level);
        probabilities = a.flag("--probabilities");
        format = (String) a.value("--format");
        intoInput = a.flag("--into-input");
        noSeparate = a.flag("--no-separate");
        outputDir = (Path) a.value("--output-dir");
        suffix = stringOr(a, "--suffix", suffix);
        overwrite = a.flag("--overwrite");
        cpu = a.flag("--cpu");
        threads = (Integer) a.value("--threads");
        memory = (String) a.value("--memory");
        scratch = (Path) a.value("--scratch");
        tile = (Integer) a.value("--tile");
        verbose = a.flag("--verbose");
        quiet = a.flag("--quiet");
        recursive = a.flag("--recursive");
        glob = (String) a.value("--glob");
        shard = (String) a.value("--shard");
        report = (Path) a.value("--report");
        inputs = a.parameters();
    }

    private static int intOr(CommandSyntax.Parsed a, String option, int fallback) {
        Object v = a.value(option);
        return v == null ? fallback : (Integer) v;
    }

    private static String stringOr(CommandSyntax.Parsed a, String option, String fallback) {
        Object v = a.value(option);
        return v == null ? fallback : (String) v;
    }

    /** A usage error of this command. */
    private static UsageException usage(String message) {
        return new UsageException(NAME, message);
    }

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
                List<InputCollector.Input> files = new InputCollector(recursive, glob, suffix).collect(inputs);
        checkOutputs(files);
        if (slice != null) {
            files = InputCollector.shard(files, slice[0], slice[1]);
        }
        if (outputDir != null && !files.isEmpty()) {
            String problem = OutputFolders.unwritable(outputDir);
            if (problem != null) {
                throw usage("cannot write to the output folder " + outputDir
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
        WeightsLocator locator = new WeightsLocator(weights, env,
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
            predictor.expectImages(files.size());
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
    private int[] shard() throws UsageException {
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
        throw usage("--shard must be I/N with 1 <= I <= N, not '" + shard + "'");
    }

    /**
     * Refuses inputs whose outputs would be the same file (same name given from two folders, or two input folders
     * with the same layout), before anything is computed.
     */
    private void checkOutputs(List<InputCollector.Input> files) throws UsageException {
        java.util.Map<Path, Path> seen = new java.util.HashMap<>();
        for (InputCollector.Input in : files) {
            if (labelsFile(in) == null) {
                continue;
            }
            Path target = labelsFile(in).toAbsolutePath().normalize();
            Path other = seen.putIfAbsent(target, in.file());
            if (other != null) {
                throw usage("inputs " + other + " and " + in.file()
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

    private PredictionOptions options() throws UsageException {
        OutputType type;
        try {
            type = OutputType.valueOf(outputType.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--output-type must be semantic or instance, not '"
                    + outputType + "'");
        }
        if (downsample < 1 || downsample > 20) {
            throw usage("--downsample must be between 1 and 20");
        }
        if (backgroundLabel < 0) {
            throw usage("--background-label must be >= 0");
        }
        if (channel != null && channels != null) {
            throw usage("give either --channel or --channels, not both");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw usage("--threads must be >= 1");
        }
        if (tile != null && tile < 1) {
            throw usage("--tile must be >= 1");
        }
        if (format != null) {
            try {
                OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw usage("--" + e.getMessage());
            }
        }
        if (level < 0) {
            throw usage("--level must be >= 0");
        }
        if (noSeparate && !intoInput) {
            throw usage("--no-separate needs --into-input");
        }
        if (noSeparate && probabilities && format != null && OutputFormat.parse(format) == OutputFormat.TIFF) {
            throw usage("--no-separate with --probabilities writes the "
                    + "probabilities as OME-Zarr; drop --format tiff");
        }
        if (scratch != null && !Files.isDirectory(scratch)) {
            throw usage("--scratch: " + scratch + " is not a folder");
        }
        long budget = memory == null ? 0 : parseSize(memory);
        return PredictionOptions.builder().imageDownsample(downsample).outputType(type)
                .backgroundLabel(backgroundLabel).probabilities(probabilities).forceCpu(cpu).threads(n)
                .tiles(new TileSettings(tile == null ? 0 : tile, budget)).storage(new StoragePolicy(0, scratch)).build();
    }

    /** Parses sizes like {@code 2g}, {@code 800m}, {@code 1048576}. */
    private long parseSize(String text) throws UsageException {
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
            throw usage("--memory must be a size like 2g or 800m, not '"
                    + text + "'");
        }
    }
}
