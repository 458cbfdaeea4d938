package org.convpaint.pipeline;

/**
 * Class probabilities [K, Z, H, W] in C order (class-major, like convpaint's {@code probas}), float64. Mutable
 * backing array; not thread-safe for writing.
 *
 * @param classes number of classes K
 * @param depth   planes Z
 * @param height  rows H
 * @param width   columns W
 * @param data    {@code K·Z·H·W} values
 */
public record Probabilities(int classes, int depth, int height, int width, double[] data)
        implements ProbabilityRows {

    public Probabilities {
        if ((long) classes * depth * height * width != data.length) {
            throw new IllegalArgumentException("probability array does not match its shape");
        }
    }

    /** Pixels per class map. */
    public int pixels() {
        return depth * height * width;
    }

    @Override
    public void readRows(int c, int z, int y0, int y1, double[] dst, int off) {
        System.arraycopy(data, ((c * depth + z) * height + y0) * width, dst, off, (y1 - y0) * width);
    }

    @Override
    public double[] bounds() {
        return org.convpaint.resample.SkimageResize.bounds(data, data.length);
    }
}
