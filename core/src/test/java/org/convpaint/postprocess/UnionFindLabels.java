package org.convpaint.postprocess;

/** A test oracle for instance labels, written independently of the engine's labelling. */
final class UnionFindLabels {
    private UnionFindLabels() {
    }

    /**
     * An independent labelling: union-find over fully connected neighbours of the same class, then components
     * numbered by class value and, within a class, by the raster position of their first pixel.
     */
    static int[] of(int[] sem, int depth, int h, int w) {
        int n = sem.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = (z * h + y) * w + x;
                    for (int dz = -1; dz <= 1; dz++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int zz = z + dz;
                                int yy = y + dy;
                                int xx = x + dx;
                                if (zz < 0 || zz >= depth || yy < 0 || yy >= h || xx < 0 || xx >= w) {
                                    continue;
                                }
                                int q = (zz * h + yy) * w + xx;
                                if (sem[p] != 0 && sem[q] == sem[p]) {
                                    parent[find(parent, p)] = find(parent, q);
                                }
                            }
                        }
                    }
                }
            }
        }
        java.util.Map<Integer, Integer> firstOfRoot = new java.util.LinkedHashMap<>();
        for (int p = 0; p < n; p++) {
            if (sem[p] != 0) {
                firstOfRoot.putIfAbsent(find(parent, p), p);
            }
        }
        java.util.List<Integer> firsts = new java.util.ArrayList<>(firstOfRoot.values());
        firsts.sort(java.util.Comparator.<Integer>comparingInt(p -> sem[p]).thenComparingInt(p -> p));
        java.util.Map<Integer, Integer> id = new java.util.HashMap<>();
        for (int i = 0; i < firsts.size(); i++) {
            id.put(find(parent, firsts.get(i)), i + 1);
        }
        int[] out = new int[n];
        for (int p = 0; p < n; p++) {
            out[p] = sem[p] == 0 ? 0 : id.get(find(parent, p));
        }
        return out;
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }
}
