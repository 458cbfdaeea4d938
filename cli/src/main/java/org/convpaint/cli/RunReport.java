package org.convpaint.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * The account of a {@code predict} run: one entry per input (done, skipped or failed, with the reason), the
 * summary printed at the end and, with {@code --report}, the same as one JSON document. Not thread-safe.
 */
final class RunReport {
    enum Status { DONE, SKIPPED, FAILED }

    /** One input. Fields null where not applicable. */
    record Entry(String input, String output, Status status, String axes, int[] shape, Double seconds,
            List<Double> timepointSeconds, String error) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final String model;
    private final Instant started = Instant.now();

    RunReport(String model) {
        this.model = model;
    }

    void add(Entry e) {
        entries.add(e);
    }

    long count(Status s) {
        return entries.stream().filter(e -> e.status() == s).count();
    }

    List<Entry> entries() {
        return entries;
    }

    /** The end-of-run summary, a few lines. */
    void printSummary(PrintWriter err) {
        err.printf("convpaint: %d processed, %d skipped, %d failed%n", count(Status.DONE), count(Status.SKIPPED),
                count(Status.FAILED));
        for (Entry e : entries) {
            if (e.status() == Status.FAILED) {
                err.println("  failed: " + e.input() + ": " + e.error());
            }
        }
    }

    /** Writes the report as JSON (atomically). */
    void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("processed", count(Status.DONE));
        summary.put("skipped", count(Status.SKIPPED));
        summary.put("failed", count(Status.FAILED));
        root.put("summary", summary);
        List<Map<String, Object>> files = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("input", e.input());
            f.put("output", e.output());
            f.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
            f.put("axes", e.axes());
            f.put("shape", e.shape());
            f.put("seconds", e.seconds());
            f.put("timepointSeconds", e.timepointSeconds());
            f.put("error", e.error());
            files.add(f);
        }
        root.put("files", files);
        String json = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root);
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".part");
        Files.writeString(tmp, json + System.lineSeparator());
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
