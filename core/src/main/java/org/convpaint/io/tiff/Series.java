package org.convpaint.io.tiff;

import java.util.ArrayList;
import java.util.List;

/**
 * The axes of an image series and the mapping from a plane index (C order over the leading axes) to the page
 * sequence position and the sample that hold it.
 *
 * <p>Axis rule: page axes of size 1 are dropped. With one sample per pixel the leading axes are the remaining page
 * axes. With {@code S > 1} samples per pixel (RGB, chunky or planar) the samples become a channel axis: if the page
 * axes have no channel axis of size above 1, a {@code C} axis of size {@code S} is placed immediately before
 * {@code YX}; if they have one of size {@code Cp > 1}, it becomes one {@code C} axis of size {@code Cp * S} at the
 * same place, channel {@code c} being sample {@code c % S} of page channel {@code c / S} (OME's channel numbering).
 * Immutable.
 */
final class Series {
    private static final int PAGE = 0;
    private static final int SAMPLE = 1;
    private static final int MERGED = 2;

    private final String axes;
    private final long[] shape;
    private final int[] lead;
    private final long[] stride;
    private final int[] role;
    private final int samples;
    private final int planes;

    private Series(String axes, long[] shape, int[] lead, long[] stride, int[] role, int samples, int planes) {
        this.axes = axes;
        this.shape = shape;
        this.lead = lead;
        this.stride = stride;
        this.role = role;
        this.samples = samples;
        this.planes = planes;
    }

    /**
     * @param pageAxes  page axes, slowest first (letters T, Z, C, I)
     * @param pageSizes their sizes
     * @param samples   samples per pixel of every page
     * @throws IllegalArgumentException if the series has more than {@code Integer.MAX_VALUE} planes
     */
    static Series of(String pageAxes, long[] pageSizes, int samples, int height, int width) {
        return of(pageAxes, pageSizes, samples, false, height, width);
    }

    /**
     * As {@link #of(String, long[], int, int, int)}; with {@code samplesAxis} the samples are an unnamed axis
     * ({@code I}) placed immediately before {@code YX} instead of channels.
     */
    static Series of(String pageAxes, long[] pageSizes, int samples, boolean samplesAxis, int height, int width) {
        int n = pageAxes.length();
        long[] pageStride = new long[n];
        long s = 1;
        for (int k = n - 1; k >= 0; k--) {
            pageStride[k] = s;
            s *= pageSizes[k];
        }
        StringBuilder letters = new StringBuilder();
        List<long[]> dims = new ArrayList<>(); // {size, stride, role}
        for (int k = 0; k < n; k++) {
            if (pageSizes[k] > 1) {
                letters.append(pageAxes.charAt(k));
                dims.add(new long[] {pageSizes[k], pageStride[k], PAGE});
            }
        }
        if (samples > 1) {
            int c = samplesAxis ? -1 : letters.indexOf("C");
            if (c >= 0) {
                dims.get(c)[0] *= samples;
                dims.get(c)[2] = MERGED;
            } else {
                letters.append(samplesAxis ? 'I' : 'C');
                dims.add(new long[] {samples, 0, SAMPLE});
            }
        }
        int m = dims.size();
        long[] shape = new long[m + 2];
        int[] lead = new int[m];
        long[] stride = new long[m];
        int[] role = new int[m];
        long planes = 1;
        for (int k = 0; k < m; k++) {
            long[] d = dims.get(k);
            planes *= d[0];
            if (d[0] > Integer.MAX_VALUE || planes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " planes");
            }
            shape[k] = d[0];
            lead[k] = (int) d[0];
            stride[k] = d[1];
            role[k] = (int) d[2];
        }
        shape[m] = height;
        shape[m + 1] = width;
        return new Series(letters + "YX", shape, lead, stride, role, samples, (int) planes);
    }

    String axes() {
        return axes;
    }

    long[] shape() {
        return shape.clone();
    }

    int planeCount() {
        return planes;
    }

    /** Position in the page sequence of the page holding {@code plane}. */
    long position(int plane) {
        long pos = 0;
        int rem = plane;
        for (int k = lead.length - 1; k >= 0; k--) {
            int i = rem % lead[k];
            rem /= lead[k];
            if (role[k] == PAGE) {
                pos += i * stride[k];
            } else if (role[k] == MERGED) {
                pos += (i / samples) * stride[k];
            }
        }
        return pos;
    }

    /** Sample index inside its page of {@code plane}. */
    int sample(int plane) {
        int rem = plane;
        for (int k = lead.length - 1; k >= 0; k--) {
            int i = rem % lead[k];
            rem /= lead[k];
            if (role[k] == SAMPLE) {
                return i;
            }
            if (role[k] == MERGED) {
                return i % samples;
            }
        }
        return 0;
    }
}
