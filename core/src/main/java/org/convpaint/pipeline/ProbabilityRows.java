package org.convpaint.pipeline;

import java.io.IOException;

/**
 * Class probabilities [K, Z, H, W] of a downsampled grid as the restoration reads them, a band of rows at a time,
 * wherever they are: in the heap ({@link Probabilities}) or in a scratch file ({@link SpilledProbabilities}).
 */
interface ProbabilityRows {
    int classes();

    int depth();

    int height();

    int width();

    /** Reads rows [y0, y1) of class {@code c}, plane {@code z} into {@code dst} from {@code off}. */
    void readRows(int c, int z, int y0, int y1, double[] dst, int off) throws IOException;

    /** {min, max} of all values, as {@code SkimageResize.bounds}: NaN, NaN if any is NaN. */
    double[] bounds();
}
