package org.convpaint;

/** A feature extractor needs pretrained weights that were not given and were not found in the usual places. */
public class MissingWeightsException extends ConvpaintException {
    private static final long serialVersionUID = 1L;

    public MissingWeightsException(String message) {
        super(message, null);
    }
}
