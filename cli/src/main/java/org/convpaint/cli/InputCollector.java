package org.convpaint.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Expands the inputs of {@code predict}: files are taken as given; folders contribute their {@code *.tif} and
 * {@code *.tiff} files (any case), recursively with {@code --recursive}, filtered by {@code --glob} on the file
 * name. Files that are outputs of this tool (carrying the label suffix or the probability suffix) are left out.
 * Each file keeps its folder relative to the input folder it was found in (empty for files given directly), so
 * that outputs can mirror the input tree. The result is sorted by path and free of duplicates, so that
 * {@link #shard} slices are deterministic.
 */
final class InputCollector {
    static final String PROBABILITIES_SUFFIX = "_convpaint_probabilities";

    private final boolean recursive;
    private final PathMatcher glob;
    private final String labelSuffix;

    InputCollector(boolean recursive, String glob, String labelSuffix) {
        this.recursive = recursive;
        this.glob = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.labelSuffix = labelSuffix;
    }

    /**
     * One input file.
     *
     * @param file   its path (the input as given, or the input folder joined with the path inside it)
     * @param folder its folder relative to the input folder it was found in; empty for files given directly
     */
    record Input(Path file, Path folder) {
    }

    /** @throws IOException if a folder cannot be listed; a missing path is kept (reported later as failed) */
    List<Input> collect(List<Path> inputs) throws IOException {
        TreeMap<Path, Input> out = new TreeMap<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                Path root = in.normalize();
                try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
                    s.filter(Files::isRegularFile).filter(this::wanted).map(Path::normalize).forEach(p -> out
                            .putIfAbsent(p, new Input(p, root.relativize(p.getParent() == null ? root
                                    : p.getParent()))));
                }
            } else {
                out.putIfAbsent(in.normalize(), new Input(in.normalize(), Path.of("")));
            }
        }
        return new ArrayList<>(out.values());
    }

    private boolean wanted(Path p) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".tif") && !lower.endsWith(".tiff")) {
            return false;
        }
        if (name.startsWith(".")) {
            return false;
        }
        String stem = PredictCommand.stem(name);
        if (stem.endsWith(labelSuffix) || stem.endsWith(PROBABILITIES_SUFFIX)) {
            return false;
        }
        return glob == null || glob.matches(p.getFileName());
    }

    /**
     * The {@code index}-th (1-based) of {@code count} slices of {@code sorted}: every {@code count}-th file starting
     * at position {@code index − 1}, so that slices stay balanced whatever the order of file sizes.
     */
    static <T> List<T> shard(List<T> sorted, int index, int count) {
        List<T> out = new ArrayList<>();
        for (int i = index - 1; i < sorted.size(); i += count) {
            out.add(sorted.get(i));
        }
        return out;
    }
}
