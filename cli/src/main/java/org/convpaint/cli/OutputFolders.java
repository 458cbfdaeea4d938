package org.convpaint.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Whether outputs can be written, and the reason a write failed in words a user can act on. Stateless. */
final class OutputFolders {
    private OutputFolders() {
    }

    /**
     * Creates {@code folder} if needed and writes (and deletes) a hidden probe file in it.
     *
     * @return null if files can be created there, else why not (e.g. "permission denied")
     */
    static String unwritable(Path folder) {
        try {
            Files.createDirectories(folder);
            // named by process and time, not by Files.createTempFile, which would start a SecureRandom
            Path probe = Files.createFile(folder.resolve(".convpaint-write-test-" + ProcessHandle.current().pid()
                    + "-" + Long.toHexString(System.nanoTime()) + ".tmp"));
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return reason(e);
        }
    }

    /** "permission denied", "no space left on device", "read-only file system", ... for a failed write. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
