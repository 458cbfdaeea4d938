package org.convpaint.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.convpaint.io.OutputNames;
import org.convpaint.io.ngff.OmeZarrImage;

/**
 * Expands the inputs of {@code predict}: files and Zarr stores are taken as given; other folders contribute their
 * {@code *.tif} and {@code *.tiff} files and their {@code *.zarr} stores (any case; a store is one input, never
 * searched inside), recursively with {@code --recursive}, filtered by {@code --glob} on the name. Outputs of this
 * tool (names carrying the label suffix or the probability suffix) and hidden files and folders are left out.
 * Each file keeps its folder relative to the input folder it was found in (empty for files given directly), so
 * that outputs can mirror the input tree. The result is sorted by path and free of duplicates, so that
 * {@link #shard} slices are deterministic.
 */
final class InputCollector {
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
            if (Files.isDirectory(in) && !OmeZarrImage.isZarr(in)) {
                Path root = in.normalize();
                Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class),
                        recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                                if (dir.equals(root)) {
                                    return FileVisitResult.CONTINUE;
                                }
                                if (isStore(dir)) {
                                    add(dir);
                                    return FileVisitResult.SKIP_SUBTREE;
                                }
                                return dir.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                                        : FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                // a link is taken for what it points to (a broken one for nothing); linked folders
                                // are not descended into, as the walk does not follow links
                                boolean link = attrs.isSymbolicLink();
                                boolean dir = link ? Files.isDirectory(file) : attrs.isDirectory();
                                boolean regular = link ? Files.isRegularFile(file) : attrs.isRegularFile();
                                if (dir ? isStore(file) : regular && wanted(file)) {
                                    add(file); // at the depth limit, folders arrive here
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                                if (file.equals(root)) {
                                    throw e;
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            private void add(Path p) {
                                Path n = p.normalize();
                                out.putIfAbsent(n, new Input(n, root.relativize(n.getParent() == null ? root
                                        : n.getParent())));
                            }
                        });
            } else {
                out.putIfAbsent(in.normalize(), new Input(in.normalize(), Path.of("")));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** A folder named {@code *.zarr} holding Zarr metadata, not an output of this tool, matching the glob. */
    private boolean isStore(Path dir) {
        String name = dir.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".zarr") && !name.startsWith(".")
                && !OutputNames.isOutput(name, labelSuffix) && OmeZarrImage.isZarr(dir)
                && (glob == null || glob.matches(dir.getFileName()));
    }

    private boolean wanted(Path p) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".tif") && !lower.endsWith(".tiff")) {
            return false;
        }
        if (name.startsWith(".") || OutputNames.isOutput(name, labelSuffix)) {
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
