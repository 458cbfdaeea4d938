package org.convpaint;

import java.nio.file.Path;

/** The file is damaged, truncated, empty, or is not a napari-convpaint model (or weights file) at all. */
public class InvalidModelException extends ConvpaintException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message, Path file) {
        super(message, file);
    }

    public InvalidModelException(String message, Path file, Throwable cause) {
        super(message, file, cause);
    }
}
