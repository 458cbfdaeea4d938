package org.convpaint.postprocess;

import java.io.IOException;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;

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
     * Labels grids in the heap or in scratch files alike, read and written {@value #BAND_ROWS} rows at a time:
     * memory does not grow with the image, only with the number of connected runs of pixels
     * ({@link TwoPassLabeling}).
     *
     * @param semantic class labels [1, Z, H, W]; 0 = background
     * @param out      receives the instance labels; same shape, another grid
     */
    public static void label(IntGrid semantic, IntGrid out) throws IOException {
        TwoPassLabeling.label(semantic, out, BAND_ROWS);
    }

    /**
     * {@link #label(IntGrid, IntGrid)} for labels in an array.
     *
     * @param semantic class labels [Z, H, W] in C order; 0 = background
     * @return instance labels, same shape (a new array)
     */
    public static int[] label(int[] semantic, int depth, int height, int width) {
        IntArrayGrid out = IntArrayGrid.zeros(GridShape.of(depth, height, width));
        try {
            label(IntArrayGrid.of(semantic, depth, height, width), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("labels in memory cannot fail to be read", e);
        }
        return out.array();
    }
}
