package org.convpaint;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Base of every checked error of the engine. The message is one line meant for the user: what is wrong, with
 * which file (its path as given, so that a typo in a folder name shows), and what to do about it.
 */
public class ConvpaintException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public ConvpaintException(String message, Path file) {
        this(message, file, null);
    }

    public ConvpaintException(String message, Path file, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
        this.reason = message;
    }

    /** The message without the file's path in front. */
    public String reason() {
        return reason;
    }

    /** The file the error is about, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
