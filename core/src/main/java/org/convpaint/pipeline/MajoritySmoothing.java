package org.convpaint.pipeline;

import java.util.Arrays;

/**
 * convpaint's {@code seg_smoothening}: {@code skimage.filters.rank.majority(seg, disk(r))}, per plane for 3-D
 * labels. Each pixel takes the most frequent label among the footprint pixels that lie inside the image;
 * ties go to the smallest label. {@code disk(r)} = {(dy, dx) : dy² + dx² ≤ r²}. Radius ≤ 1 changes nothing.
 */
public final class MajoritySmoothing {
    private MajoritySmoothing() {
    }

    /** @return smoothed labels [Z, H, W] (a new array; the input is not modified) */
    public static int[] apply(int[] labels, int depth, int height, int width, int radius) {
        if (radius <= 1) {
            return labels;
        }
        int[] values = Arrays.stream(labels).distinct().sorted().toArray();
        int[] index = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            index[i] = Arrays.binarySearch(values, labels[i]);
        }
        int[][] disk = disk(radius);
        int[] out = new int[labels.length];
        int[] counts = new int[values.length];
        int plane = height * width;
        for (int z = 0; z < depth; z++) {
            int base = z * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    Arrays.fill(counts, 0);
                    for (int[] o : disk) {
                        int yy = y + o[0];
                        int xx = x + o[1];
                        if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                            counts[index[base + yy * width + xx]]++;
                        }
                    }
                    int best = 0;
                    for (int v = 1; v < counts.length; v++) {
                        if (counts[v] > counts[best]) {
                            best = v;
                        }
                    }
                    out[base + y * width + x] = values[best];
                }
            }
        }
        return out;
    }

    static int[][] disk(int r) {
        java.util.List<int[]> offsets = new java.util.ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dy * dy + dx * dx <= r * r) {
                    offsets.add(new int[] {dy, dx});
                }
            }
        }
        return offsets.toArray(new int[0][]);
    }
}
