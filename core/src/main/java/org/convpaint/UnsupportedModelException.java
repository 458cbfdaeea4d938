package org.convpaint;

import java.nio.file.Path;

/**
 * The file is well formed but needs something this engine deliberately does not do: a Python class outside the
 * allow-list (which would mean running foreign code), a feature extractor that is not implemented, a model layout
 * from a napari-convpaint version we cannot reproduce.
 */
public class UnsupportedModelException extends ConvpaintException {
    private static final long serialVersionUID = 1L;

    public UnsupportedModelException(String message, Path file) {
        super(message, file);
    }

    public UnsupportedModelException(String message, Path file, Throwable cause) {
        super(message, file, cause);
    }
}
