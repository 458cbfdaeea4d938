package org.convpaint.grid;

/** A {@link DoubleGrid} in a Java array. Thread-safe as far as the array is: disjoint writes from several threads. */
public final class DoubleArrayGrid implements DoubleGrid {
    private final GridShape shape;
    private final double[] values;

    private DoubleArrayGrid(GridShape shape, double[] values) {
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values do not match a grid of " + shape);
        }
        this.shape = shape;
        this.values = values;
    }

    /** The grid held in {@code values} (not copied: the grid and the caller share it), of {@code shape}'s size. */
    public static DoubleArrayGrid of(double[] values, GridShape shape) {
        return new DoubleArrayGrid(shape, values);
    }

    /** Values [C, Z, H, W] of C channels held in {@code values} (not copied). */
    public static DoubleArrayGrid of(double[] values, int channels, int depth, int height, int width) {
        return of(values, new GridShape(channels, depth, height, width));
    }

    /** A new grid of zeros. @throws IllegalStateException if it does not fit a Java array */
    public static DoubleArrayGrid zeros(GridShape shape) {
        return new DoubleArrayGrid(shape, new double[shape.arrayLength()]);
    }

    @Override
    public GridShape shape() {
        return shape;
    }

    @Override
    public void read(long at, double[] dst, int off, int n) {
        shape.check(at, n);
        System.arraycopy(values, (int) at, dst, off, n);
    }

    @Override
    public void write(long at, double[] src, int off, int n) {
        shape.check(at, n);
        System.arraycopy(src, off, values, (int) at, n);
    }

    @Override
    public double[] array() {
        return values;
    }

    /** Nothing to free. */
    @Override
    public void close() {
    }
}
