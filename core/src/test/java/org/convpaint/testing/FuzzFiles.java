package org.convpaint.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz inputs as files, for readers that take a path: written to a temporary file that is always deleted. */
public final class FuzzFiles {
    private FuzzFiles() {
    }

    /** What a fuzz test does with the file holding its input. */
    public interface Body {
        void run(Path file) throws Exception;
    }

    /** Writes {@code bytes} to a new temporary file named {@code fuzz*SUFFIX}, runs {@code body}, deletes it. */
    public static void withFile(byte[] bytes, String suffix, Body body) throws Exception {
        Path file = Files.createTempFile("fuzz", suffix);
        try {
            Files.write(file, bytes);
            body.run(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
