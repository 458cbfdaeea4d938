package org.convpaint.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;

import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.model.ExtractorCatalog;
import org.convpaint.model.ModelLoader;
import org.convpaint.model.WeightsFile;

/** {@code convpaint inspect [--json] MODEL.pkl}: what a model is, and what it needs to run. */
final class InspectCommand implements Callable<Integer>, ErrorReporter.Verbosity, ErrorReporter.ExitCodes {
    static final String NAME = "convpaint inspect";
    static final String DESCRIPTION = "Show a model's feature extractor, parameters, classifier, classes and "
            + "required weights.";

    private final PrintWriter out;
    final Path model;
    final boolean json;
    final boolean verbose;

    /** The options, in help order. */
    static CommandSyntax syntax() {
        return new CommandSyntax(NAME, DESCRIPTION, List.of(
                new CommandSyntax.Option(List.of("--json"), null, CommandSyntax.Type.FLAG, false, false, false,
                        "Print exactly one JSON object instead of a summary."),
                new CommandSyntax.Option(List.of("-v", "--verbose"), null, CommandSyntax.Type.FLAG, false, false,
                        false, "Print stack traces of errors.")), true,
                new CommandSyntax.Parameters("MODEL.pkl", false, "A napari-convpaint model file."));
    }

    /** @param out where the description goes */
    InspectCommand(CommandSyntax.Parsed a, PrintWriter out) {
        this.out = out;
        this.model = a.parameters().get(0);
        this.json = a.flag("--json");
        this.verbose = a.flag("--verbose");
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public int failureCode() {
        return Main.EXIT_USAGE;
    }

    @Override
    public Integer call() throws Exception {
        try (ConvpaintModel m = ModelLoader.load(model)) {
            if (json) {
                out.println(new GsonBuilder().serializeNulls().create().toJson(describe(m)));
            } else {
                printSummary(m, out);
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The JSON description; keys in a fixed order. */
    static Map<String, Object> describe(ConvpaintModel m) {
        ConvpaintParams p = m.params();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("featureExtractor", p.featureExtractor());
        o.put("layers", p.layers());
        o.put("scalings", p.scalings());
        o.put("order", p.order());
        o.put("useMinFeatures", p.useMinFeatures());
        o.put("channelMode", p.channelMode().pythonName());
        o.put("normalize", p.normalize());
        o.put("imageDownsample", p.imageDownsample());
        o.put("segSmoothening", p.segSmoothening());
        o.put("classifier", m.classifier().name());
        o.put("classes", Arrays.stream(m.classes()).boxed().toList());
        o.put("numFeatures", m.numFeatures());
        List<String> files = p.weightsFiles().stream().map(WeightsFile::fileName).toList();
        o.put("weights", files.isEmpty() ? null : files.size() == 1 ? files.get(0) : files);
        return o;
    }

    private void printSummary(ConvpaintModel m, PrintWriter out) {
        ConvpaintParams p = m.params();
        row(out, "Model", String.valueOf(model));
        String fe = p.featureExtractor()
                + (ExtractorCatalog.isSupported(p.featureExtractor()) ? "" : "  (not supported by this version)");
        row(out, "Feature extractor", fe);
        if (!p.layers().isEmpty()) {
            row(out, "Layers", String.join(", ", p.layers()));
        }
        row(out, "Scalings", p.scalings() + ", restored with order " + p.order()
                + (p.useMinFeatures() ? ", min-features truncation" : ""));
        row(out, "Channel mode", p.channelMode().pythonName());
        row(out, "Normalize", p.normalize() + switch (p.normalize()) {
            case 1 -> " (none)";
            case 2 -> " (per channel over the whole stack)";
            default -> " (per channel and plane)";
        });
        row(out, "Image downsample", String.valueOf(p.imageDownsample()));
        row(out, "Smoothing", p.segSmoothening() > 1 ? "majority filter, radius " + p.segSmoothening() : "none");
        row(out, "Classifier", m.classifier().name() + ", " + m.classes().length + " classes "
                + Arrays.toString(m.classes()) + ", " + m.numFeatures() + (m.numFeatures() == 1 ? " feature" : " features"));
        List<WeightsFile> weights = p.weightsFiles();
        row(out, "Weights", weights.isEmpty() ? "none needed" : weights.get(0).fileName() + " (" + weights.get(0).url()
                + ")");
        for (WeightsFile w : weights.subList(Math.min(1, weights.size()), weights.size())) {
            row(out, "", w.fileName() + " (" + w.url() + ")");
        }
        for (String note : m.notes()) {
            row(out, "Note", note);
        }
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("%-18s %s%n", key, value);
    }
}
