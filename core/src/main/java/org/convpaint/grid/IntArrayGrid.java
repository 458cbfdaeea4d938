package org.convpaint.grid;

/** An {@link IntGrid} in a Java array. Thread-safe as far as the array is: disjoint writes from several threads. */
public final class IntArrayGrid implements IntGrid {
    private final GridShape shape;
    private final int[] values;

    private IntArrayGrid(GridShape shape, int[] values) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values do not match a grid of " + shape);
        }
        this.shape = shape;
        this.values = values;
    }

    /** The grid held in {@code values} (not copied: the grid and the caller share it), of {@code shape}'s size. */
    public static IntArrayGrid of(int[] values, GridShape shape) {
        return new IntArrayGrid(shape, values);
    }

    /** Single-channel values [Z, H, W] held in {@code values} (not copied). */
    public static IntArrayGrid of(int[] values, int depth, int height, int width) {
        return of(values, GridShape.of(depth, height, width));
    }

    /** A new grid of zeros. @throws IllegalStateException if it does not fit a Java array */
    public static IntArrayGrid zeros(GridShape shape) {
        return new IntArrayGrid(shape, new int[shape.arrayLength()]);
    }

    @Override
    public GridShape shape() {
        return shape;
    }

    @Override
    public void read(long at, int[] dst, int off, int n) {
        shape.check(at, n);
        System.arraycopy(values, (int) at, dst, off, n);
    }

    @Override
    public void write(long at, int[] src, int off, int n) {
        shape.check(at, n);
        System.arraycopy(src, off, values, (int) at, n);
    }

    @Override
    public int[] array() {
        return values;
    }

    /** Nothing to free. */
    @Override
    public void close() {
    }
}
