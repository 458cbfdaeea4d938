package org.convpaint.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.convpaint.ConvpaintException;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.OutputNames;
import org.convpaint.io.ngff.LabelTarget;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convpaint-spark}: one image predicted block by block on Apache Spark, written as an OME-Zarr label image
 * equal to {@code convpaint predict --format zarr}'s. Run by {@code spark-submit --class org.convpaint.spark.Main
 * convpaint-spark.jar ...} on a cluster, or by the {@code ./convpaint-spark} launcher with {@code --master}.
 * Exit codes: 0 done, 1 the input, model or output could not be used, 2 bad options.
 */
@Command(name = "convpaint-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predicts one large image block by block on Apache Spark; the labels equal convpaint "
                + "predict's.")
public final class Main implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Image: a TIFF file or an OME-Zarr image, on a "
            + "path every executor can read.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "STORE",
            description = "OME-Zarr label image to write, on a path every executor can write (default: "
                    + "INPUT_convpaint_labels.ome.zarr next to the input).")
    Path output;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.pkl",
            description = "napari-convpaint model file (shipped to the executors).")
    Path model;

    @Option(names = "--weights", paramLabel = "FILE", description = "Pretrained weights (.pth) for the feature "
            + "extractor, shipped to the executors; repeatable.")
    List<Path> weights = new ArrayList<>();

    @Option(names = "--downsample", paramLabel = "N", defaultValue = "2",
            description = "image_downsample (default: ${DEFAULT-VALUE}).")
    int downsample;

    @Option(names = "--output-type", paramLabel = "TYPE", defaultValue = "semantic",
            description = "semantic or instance (default: ${DEFAULT-VALUE}).")
    String outputType;

    @Option(names = "--background-label", paramLabel = "B", defaultValue = "1",
            description = "Class set to 0 in the output; 0 keeps all classes (default: ${DEFAULT-VALUE}).")
    int backgroundLabel;

    @Option(names = "--axes", paramLabel = "AXES", description = "Axes of the input (letters of TZCYX ending in "
            + "YX); default: its metadata, else napari-tmidas' rule.")
    String axes;

    @Option(names = "--channel", paramLabel = "N", description = "Channel for a single-channel model.")
    Integer channel;

    @Option(names = "--channels", split = ",", paramLabel = "I,J,...",
            description = "Channels for a multi-channel or RGB model.")
    List<Integer> channels;

    @Option(names = "--level", paramLabel = "N", defaultValue = "0", description = "OME-Zarr resolution level.")
    int level;

    @Option(names = "--probabilities", description = "Also write the class probabilities (float32, class axis "
            + "first) as INPUT_convpaint_probabilities.ome.zarr next to the label output.")
    boolean probabilities;

    @Option(names = "--into-input", description = "Write the labels into the input OME-Zarr image as its NGFF "
            + "label image labels/convpaint (in the input's Zarr version) instead of a store of their own; the "
            + "image arrays are never touched.")
    boolean intoInput;

    @Option(names = "--cpu", description = "Never use a GPU.")
    boolean cpu;

    @Option(names = "--block", paramLabel = "N", defaultValue = "0",
            description = "Block side in pixels of the downsampled grid, rounded up to the features' alignment; "
                    + "also the output's chunk side (default: chosen from the memory of an executor core).")
    int block;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[4] or "
            + "spark://host:7077 (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write what was done as JSON: input, "
            + "output, axes, shape, block side, tasks, failed attempts, seconds, status, error, warnings.")
    Path report;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public Integer call() {
        if (!"semantic".equals(outputType) && !"instance".equals(outputType)) {
            System.err.println("convpaint-spark: --output-type must be semantic or instance, not " + outputType);
            return 2;
        }
        if (channel != null && channels != null) {
            System.err.println("convpaint-spark: give --channel or --channels, not both");
            return 2;
        }
        if (intoInput && (output != null || !Files.isDirectory(input))) {
            System.err.println("convpaint-spark: --into-input writes into an OME-Zarr input and takes no -o"
                    + (Files.isDirectory(input) ? "" : "; " + input + " is not a Zarr store"));
            return 2;
        }
        Path out = intoInput ? LabelTarget.storeInside(input)
                : output != null ? output : OutputNames.labels(input.toAbsolutePath().getParent(), input,
                        OutputNames.LABELS_SUFFIX, OutputFormat.ZARR);
        if (Files.exists(out) && !overwrite) {
            System.err.println("convpaint-spark: " + out + " exists; give --overwrite to replace it");
            return 1;
        }
        Path probs = probabilities ? OutputNames.probabilities((intoInput ? input : out).toAbsolutePath()
                .getParent(), input, OutputFormat.ZARR) : null;
        if (probs != null && Files.exists(probs) && !overwrite) {
            System.err.println("convpaint-spark: " + probs + " exists; give --overwrite to replace it");
            return 1;
        }
        List<String> shipped = new ArrayList<>();
        weights.forEach(w -> shipped.add(w.toAbsolutePath().toString()));
        JobSettings settings;
        try {
            settings = new JobSettings(model.toAbsolutePath().toString(), shipped, downsample,
                    "instance".equals(outputType), backgroundLabel, channel != null ? List.of(channel) : channels,
                    axes, level, cpu, block, input.toAbsolutePath().toString(), out.toAbsolutePath().toString(),
                    probs == null ? null : probs.toString(), intoInput);
        } catch (IllegalArgumentException e) {
            System.err.println("convpaint-spark: " + e.getMessage());
            return 2;
        }
        SparkConf conf = new SparkConf().setAppName("convpaint " + input.getFileName());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        long start = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.addFile(settings.model());
            settings.weights().forEach(sc::addFile);
            Progress progress = new Progress(System.err);
            sc.sc().addSparkListener(progress);
            BlockwiseJob.Outcome done = new BlockwiseJob(sc, settings, System.err).run();
            double secs = (System.nanoTime() - start) / 1e9;
            done.warnings().forEach(w -> System.err.println("warning: " + w));
            System.err.printf(Locale.ROOT, "wrote %s (%.1f s, %d tasks)%n", out, secs, progress.tasksDone());
            return report(out, done, progress, secs, null) ? 0 : 1;
        } catch (Exception e) {
            Throwable cause = e instanceof ConvpaintException ? e : rootConvpaint(e);
            String message = cause != null ? cause.getMessage() : e.toString();
            System.err.println("convpaint-spark: " + message);
            if (cause == null && Boolean.getBoolean("convpaint.spark.trace")) {
                e.printStackTrace();
            }
            report(out, null, null, (System.nanoTime() - start) / 1e9, message);
            return 1;
        }
    }

    /** Writes the --report file, if asked for; false (with a message) if it cannot be written. */
    private boolean report(Path out, BlockwiseJob.Outcome done, Progress progress, double secs, String error) {
        if (report == null) {
            return true;
        }
        com.google.gson.JsonObject j = new com.google.gson.JsonObject();
        j.addProperty("input", input.toAbsolutePath().toString());
        j.addProperty("output", out.toAbsolutePath().toString());
        j.addProperty("model", model.toAbsolutePath().toString());
        j.addProperty("status", error == null ? "ok" : "failed");
        if (error != null) {
            j.addProperty("error", error);
        }
        if (done != null) {
            j.addProperty("axes", done.axes());
            com.google.gson.JsonArray shape = new com.google.gson.JsonArray();
            for (long s : done.shape()) {
                shape.add(s);
            }
            j.add("shape", shape);
            j.addProperty("block", done.side());
            j.addProperty("timepoints", done.timepoints());
            com.google.gson.JsonArray warnings = new com.google.gson.JsonArray();
            done.warnings().forEach(warnings::add);
            j.add("warnings", warnings);
        }
        if (progress != null) {
            j.addProperty("tasks", progress.tasksDone());
            j.addProperty("failedAttempts", progress.failedAttempts());
        }
        j.addProperty("seconds", Math.round(secs * 1000) / 1000.0);
        try {
            java.nio.file.Files.writeString(report, new com.google.gson.GsonBuilder().setPrettyPrinting().create()
                    .toJson(j) + "\n");
            return true;
        } catch (java.io.IOException e) {
            System.err.println("convpaint-spark: cannot write the report " + report + ": " + e.getMessage());
            return false;
        }
    }

    /** The engine's error inside a failed Spark job (tasks' exceptions arrive wrapped), or null. */
    private static Throwable rootConvpaint(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConvpaintException) {
                return c;
            }
        }
        return null;
    }
}
