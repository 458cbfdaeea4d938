package org.convpaint.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;

/** Test helpers: an image labelled a band at a time as a cluster would, band splits and random semantic images. */
final class Bandwise {
    private Bandwise() {
    }

    /**
     * Labels {@code sem} [Z, H, W] band by band: components of each band shipped through Java serialization, resolved,
     * the numbering shipped too, then the bands relabelled from last to first.
     *
     * @param cuts band boundaries 0 = c0 &lt; c1 &lt; … &lt; ck = H
     */
    static int[] label(int[] sem, int d, int h, int w, int[] cuts) throws IOException {
        IntGrid semantic = IntArrayGrid.of(sem, d, h, w);
        List<BandComponents> bands = new ArrayList<>();
        for (int b = 0; b + 1 < cuts.length; b++) {
            bands.add(shipped(BandComponents.of(semantic, cuts[b], cuts[b + 1])));
        }
        InstanceNumbering numbering = shipped(InstanceNumbering.resolve(bands));
        IntArrayGrid out = IntArrayGrid.zeros(GridShape.of(d, h, w));
        for (int b = bands.size() - 1; b >= 0; b--) {
            InstanceNumbering.relabel(semantic, cuts[b], cuts[b + 1], numbering.mapFor(b), out);
        }
        int max = 0;
        for (int v : out.array()) {
            max = Math.max(max, v);
        }
        assertEquals(max, numbering.components(), "components of " + numbering);
        return out.array();
    }

    /** {@code value} after a round trip through Java serialization, checked equal to it. */
    @SuppressWarnings("unchecked")
    static <T> T shipped(T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            T copy = (T) in.readObject();
            assertEquals(value, copy);
            assertEquals(value.hashCode(), copy.hashCode());
            return copy;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Splits of H rows: bands of 1 row, of 2 rows, two of random uneven sizes, one band for the whole image. */
    static List<int[]> splits(int h, Random rnd) {
        List<int[]> out = new ArrayList<>();
        out.add(even(h, 1));
        out.add(even(h, 2));
        for (int i = 0; i < 2; i++) {
            List<Integer> cuts = new ArrayList<>(List.of(0));
            while (cuts.get(cuts.size() - 1) < h) {
                cuts.add(Math.min(h, cuts.get(cuts.size() - 1) + 1 + rnd.nextInt(Math.max(1, h / 3))));
            }
            out.add(cuts.stream().mapToInt(Integer::intValue).toArray());
        }
        out.add(new int[] {0, h});
        return out;
    }

    /** Cuts of bands of {@code rows} rows (the last may be shorter). */
    static int[] even(int h, int rows) {
        int[] cuts = new int[(h + rows - 1) / rows + 1];
        for (int b = 1; b < cuts.length; b++) {
            cuts[b] = Math.min(h, b * rows);
        }
        return cuts;
    }

    /**
     * A random semantic volume [Z, H, W] of class values {@code values} (values[0] is background, normally 0):
     * random walks (full connectivity, wandering across planes too) of a random class each, then salt noise.
     */
    static int[] strokes(Random rnd, int d, int h, int w, int[] values, int strokes, double noise) {
        int[] sem = new int[d * h * w];
        for (int s = 0; s < strokes && values.length > 1; s++) {
            int c = values[1 + rnd.nextInt(values.length - 1)];
            int z = rnd.nextInt(d);
            int y = rnd.nextInt(h);
            int x = rnd.nextInt(w);
            for (int step = rnd.nextInt(h + w); step >= 0; step--) {
                sem[(z * h + y) * w + x] = c;
                z = Math.floorMod(z + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) - 1 : 0), d);
                y = Math.min(h - 1, Math.max(0, y + rnd.nextInt(3) - 1));
                x = Math.min(w - 1, Math.max(0, x + rnd.nextInt(3) - 1));
            }
        }
        for (int i = 0; i < sem.length; i++) {
            if (rnd.nextDouble() < noise) {
                sem[i] = values[rnd.nextInt(values.length)];
            }
        }
        return sem;
    }
}
