package org.convpaint;

import java.nio.file.Path;

/**
 * An input image cannot be used: the file is unreadable or damaged, its format is not supported, or its shape
 * does not fit the model (e.g. wrong number of channels).
 */
public class InvalidInputException extends ConvpaintException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message, Path file) {
        super(message, file);
    }

    public InvalidInputException(String message, Path file, Throwable cause) {
        super(message, file, cause);
    }
}
