package org.convpaint;

/** The user cancelled a running prediction; nothing was written for the image being processed. */
public class CanceledException extends ConvpaintException {
    private static final long serialVersionUID = 1L;

    public CanceledException() {
        super("cancelled", null);
    }
}
