package org.convpaint.imglib;

/**
 * The role of one image dimension, as the engine knows them: the two plane axes X and Y, depth Z, time T and
 * channel C. An image adapter names the role of each dimension of an ImgLib2 image with these (e.g. from ImageJ
 * axis types); ImgLib2 itself has no axis metadata.
 */
public enum Axis {
    /** Columns of a plane. */
    X('X', "X"),
    /** Rows of a plane. */
    Y('Y', "Y"),
    /** Planes of a 3-D stack. */
    Z('Z', "Z"),
    /** Timepoints, each segmented on its own. */
    T('T', "Time"),
    /** Channels. */
    C('C', "Channel");

    private final char letter;
    private final String label;

    Axis(char letter, String label) {
        this.letter = letter;
        this.label = label;
    }

    /** The engine's axis letter (see {@link org.convpaint.image.ImageSource#axes()}). */
    public char letter() {
        return letter;
    }

    /** The name used in messages, as ImageJ spells the axis type ({@code X}, {@code Time}, {@code Channel}, ...). */
    public String label() {
        return label;
    }

    /**
     * The axis of an engine letter.
     *
     * @throws IllegalArgumentException if {@code letter} is not one of X, Y, Z, T, C
     */
    public static Axis ofLetter(char letter) {
        for (Axis a : values()) {
            if (a.letter == letter) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown axis letter " + letter);
    }
}
