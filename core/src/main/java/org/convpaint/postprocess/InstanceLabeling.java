package org.convpaint.postprocess;

import java.io.IOException;
import java.util.Arrays;

import org.convpaint.image.LabelVolume;

/**
 * tmidas' {@code _convert_semantic_to_instance} for one volume [Z, H, W]: connected components of each non-zero
 * class with full connectivity (8-connected in 2-D, i.e. Z = 1; 26-connected in 3-D). Classes are taken in
 * ascending order; within a class, components are numbered in raster order of their first pixel (skimage's
 * {@code measure.label}); each class's numbers continue after the previous class's, so all labels are unique.
 * Time series are labelled per timepoint by calling this once per timepoint. Output values are uint32 held in
 * Java ints (bit pattern). Stateless.
 */
public final class InstanceLabeling {
    /** Rows read and written at a time by the banded labelling. */
    static final int BAND_ROWS = 256;

    private InstanceLabeling() {
    }

    /**
     * The same labels as {@link #label(int[], int, int, int)}, for volumes read and written {@value #BAND_ROWS}
     * rows at a time (e.g. in scratch files): memory does not grow with the image, only with the number of
     * connected runs of pixels ({@link TwoPassLabeling}).
     *
     * @param semantic class labels [Z, H, W]; 0 = background
     * @param out      receives the instance labels; same shape, another volume
     */
    public static void label(LabelVolume semantic, LabelVolume out) throws IOException {
        TwoPassLabeling.label(semantic, out, BAND_ROWS);
    }

    /**
     * @param semantic class labels [Z, H, W] in C order; 0 = background
     * @return instance labels, same shape (a new array)
     */
    public static int[] label(int[] semantic, int depth, int height, int width) {
        int n = semantic.length;
        if ((long) depth * height * width != n) {
            throw new IllegalArgumentException("labels do not match " + depth + "x" + height + "x" + width);
        }
        int[] component = new int[n];
        // the breadth-first frontier, usually far smaller than the image
        IntQueue queue = new IntQueue(Math.min(n, 4096));
        int[] componentClass = new int[16];
        int components = 0;
        int plane = height * width;
        for (int start = 0; start < n; start++) {
            int cls = semantic[start];
            if (cls == 0 || component[start] != 0) {
                continue;
            }
            components++;
            if (components == componentClass.length) {
                componentClass = Arrays.copyOf(componentClass, components * 2);
            }
            componentClass[components] = cls;
            component[start] = components;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int z = p / plane;
                int y = (p % plane) / width;
                int x = p % width;
                for (int dz = -1; dz <= 1; dz++) {
                    int zz = z + dz;
                    if (zz < 0 || zz >= depth) {
                        continue;
                    }
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= height) {
                            continue;
                        }
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            if (xx < 0 || xx >= width) {
                                continue;
                            }
                            int q = zz * plane + yy * width + xx;
                            if (component[q] == 0 && semantic[q] == cls) {
                                component[q] = components;
                                queue.add(q);
                            }
                        }
                    }
                }
            }
        }
        int[] finalId = numberByClass(componentClass, components);
        for (int i = 0; i < n; i++) {
            component[i] = finalId[component[i]];
        }
        return component;
    }

    /** Final ids: components ordered by class value, then by discovery (raster) order. */
    private static int[] numberByClass(int[] componentClass, int components) {
        Integer[] order = new Integer[components];
        for (int i = 0; i < components; i++) {
            order[i] = i + 1;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(componentClass[a], componentClass[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] finalId = new int[components + 1]; // finalId[0] = 0: background stays 0
        for (int i = 0; i < components; i++) {
            finalId[order[i]] = i + 1;
        }
        return finalId;
    }
}
