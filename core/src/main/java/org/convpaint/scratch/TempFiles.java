package org.convpaint.scratch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of this tool's temporary files (partial outputs {@code .NAME.OWNER-ID.part}, scratch files
 * {@code .NAME.OWNER-ID.scratch}), where OWNER is {@code HOST-PID} of the process that made them, and the removal
 * of such files left behind by a process that no longer runs (killed with {@code kill -9}, power loss): only files
 * of this host whose PID is not a live process are removed, so runs on other machines sharing the folder and runs
 * still going are never touched. Partial outputs may be folders (Zarr stores), removed with their content. All
 * names start with a dot, so input listings skip them. Stateless.
 */
public final class TempFiles {
    private static final Pattern OURS = Pattern.compile("\\..*\\.([A-Za-z0-9_]+)-(\\d+)-[0-9a-z]+\\.(part|scratch)");

    private TempFiles() {
    }

    /** {@code HOST-PID} of this process; the host name reduced to letters, digits and underscores. */
    public static String owner() {
        return host() + "-" + ProcessHandle.current().pid();
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/proc/sys/kernel/hostname"));
            } catch (IOException | RuntimeException e) {
                h = "localhost";
            }
        }
        String clean = h.strip().replaceAll("[^A-Za-z0-9_]", "_");
        return clean.isEmpty() ? "localhost" : clean;
    }

    /** {@code "." + name + "." + owner() + "-"}: the start of a temporary file's name ({@code -ID.SUFFIX} follows). */
    public static String prefix(String name) {
        return "." + name + "." + owner() + "-";
    }

    /**
     * A new name for a partial output of {@code target} beside it ({@code .NAME.HOST-PID-ID.part}, not created):
     * what {@link #removeStale} recognises once its process is gone.
     */
    public static Path partial(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        return dir.resolve(prefix(target.getFileName().toString()) + Long.toHexString(System.nanoTime()) + ".part");
    }

    /**
     * Deletes this tool's temporary files in {@code folder} (not below it) whose owner is a process of this host
     * that no longer runs. Never throws: a folder that cannot be listed, or a file that cannot be deleted, is left.
     *
     * @return the number of files deleted
     */
    public static int removeStale(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return 0;
        }
        String host = host();
        long self = ProcessHandle.current().pid();
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.{part,scratch}")) {
            for (Path f : files) {
                Matcher m = OURS.matcher(f.getFileName().toString());
                boolean isFolder = Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS);
                if (!m.matches() || !m.group(1).equals(host)
                        || !(isFolder || Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != self && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                    try {
                        deleteTree(f);
                        removed++;
                    } catch (IOException | RuntimeException e) {
                        // left for a later run
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return removed;
        }
        return removed;
    }

    /**
     * Deletes {@code path} and, if it is a folder, everything inside it; symbolic links are deleted, never
     * followed. A missing path is fine.
     */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file,
                    java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
