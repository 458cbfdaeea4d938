package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.convpaint.CanceledException;
import org.convpaint.ConvpaintException;
import org.convpaint.classify.PixelClassifier;
import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.DoubleGrid;

/**
 * convpaint's {@code _clf_predict}: every pixel's feature vector (the float32 column of the feature stack) goes
 * through the classifier; probabilities come back class-major, or only each pixel's winning class when the labels
 * are all that is wanted. A whole stack is processed in blocks of {@value #BLOCK} pixels; a tile's region on the
 * calling thread, or in row bands over an idle executor (the classifier, bound once per region, is shared
 * read-only). Only the features the classifier uses are read ({@link PixelClassifier#bindColumns}).
 */
public final class Classification {
    static final int BLOCK = 4096;
    /** Row bands a region is split into for the pool (many more than threads, for balance). */
    private static final int PARALLEL_BANDS = 64;

    private Classification() {
    }

    /**
     * All pixels of {@code fs} (every plane), on the calling thread, block by block: probabilities [K, Z, H, W]
     * in the heap.
     *
     * @param monitor progress and cancellation
     * @throws CanceledException if the monitor cancels
     */
    public static DoubleGrid classify(FeatureStack fs, PixelClassifier clf, ProgressMonitor monitor)
            throws ConvpaintException {
        if (fs.features() != clf.numFeatures()) {
            throw new IllegalArgumentException(fs.features() + " features for a classifier of " + clf.numFeatures());
        }
        int[] used = clf.usedFeatures();
        PixelClassifier compact = clf.compact();
        int n = fs.pixels();
        int k = clf.numClasses();
        double[] out = new double[k * n];
        int[] columns = new int[used.length];
        for (int i = 0; i < used.length; i++) {
            columns[i] = used[i] * n;
        }
        PixelClassifier.BoundColumns bound = compact.bindColumns(fs.data(), columns);
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int b = 0; b < blocks; b++) {
            monitor.checkCanceled();
            int start = b * BLOCK;
            bound.predictProba(start, Math.min(BLOCK, n - start), out, start, n);
            monitor.progress((b + 1.0) / blocks, "classify");
        }
        return DoubleArrayGrid.of(out, k, fs.depth(), fs.height(), fs.width());
    }

    /**
     * Probabilities of the pixels of rows [y0, y1) × columns [x0, x1) of plane 0 of {@code fs}, class-major
     * ({@code K × (y1−y0)·(x1−x0)}): on the calling thread, or in bands of rows over {@code pool} (which must be
     * idle) when it is not null. The classifier is bound to the columns once ({@link PixelClassifier#bindColumns}).
     *
     * @param compact the classifier over only {@code used} features ({@link PixelClassifier#compact()})
     */
    public static double[] probabilities(FeatureStack fs, PixelClassifier compact, int[] used, int y0, int y1,
            int x0, int x1, ExecutorService pool) throws CanceledException {
        PixelClassifier.BoundColumns bound = compact.bindColumns(fs.data(), columns(fs, used));
        int w = fs.width();
        int k = compact.numClasses();
        if (pool == null) {
            return probabilities(bound, k, w, y0, y1, x0, x1);
        }
        int rw = x1 - x0;
        int count = (y1 - y0) * rw;
        double[] out = new double[k * count];
        int b = y0;
        for (double[] part : inBands(y0, y1, pool, (by, ey) -> probabilities(bound, k, w, by, ey, x0, x1))) {
            int n = part.length / k;
            for (int c = 0; c < k; c++) {
                System.arraycopy(part, c * n, out, c * count + (b - y0) * rw, n);
            }
            b += n / rw;
        }
        return out;
    }

    private static double[] probabilities(PixelClassifier.BoundColumns bound, int k, int w, int y0, int y1, int x0,
            int x1) {
        int rw = x1 - x0;
        int count = (y1 - y0) * rw;
        double[] out = new double[k * count];
        for (int y = y0; y < y1; y++) {
            bound.predictProba(y * w + x0, rw, out, (y - y0) * rw, count);
        }
        return out;
    }

    /**
     * The winning class of each pixel of rows [y0, y1) × columns [x0, x1) of plane 0 of {@code fs}, as an index
     * into the classifier's classes, row-major: {@link org.convpaint.classify.ClassArgmax} of
     * {@link #probabilities}, which the classifier may settle without computing them all
     * ({@link PixelClassifier#bindClassIndices}). On the calling thread, or in bands over an idle {@code pool}.
     */
    public static int[] classIndices(FeatureStack fs, PixelClassifier compact, int[] used, int y0, int y1, int x0,
            int x1, ExecutorService pool) throws CanceledException {
        PixelClassifier.BoundClasses bound = compact.bindClassIndices(fs.data(), columns(fs, used));
        int w = fs.width();
        if (pool == null) {
            return classIndices(bound, w, y0, y1, x0, x1);
        }
        int[] out = new int[(y1 - y0) * (x1 - x0)];
        int at = 0;
        for (int[] part : inBands(y0, y1, pool, (by, ey) -> classIndices(bound, w, by, ey, x0, x1))) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static int[] classIndices(PixelClassifier.BoundClasses bound, int w, int y0, int y1, int x0, int x1) {
        int rw = x1 - x0;
        int[] out = new int[(y1 - y0) * rw];
        for (int y = y0; y < y1; y++) {
            bound.classIndices(y * w + x0, rw, out, (y - y0) * rw);
        }
        return out;
    }

    /** What a region gives: {@link #probabilities} or {@link #classIndices}. */
    @FunctionalInterface
    interface Region<R> {
        R of(FeatureStack fs, PixelClassifier compact, int[] used, int y0, int y1, int x0, int x1,
                ExecutorService pool) throws CanceledException;
    }

    /** Offset in {@code fs.data()} of each used feature's column (plane 0). */
    private static int[] columns(FeatureStack fs, int[] used) {
        int n = fs.pixels();
        int[] columns = new int[used.length];
        for (int i = 0; i < used.length; i++) {
            columns[i] = used[i] * n;
        }
        return columns;
    }

    /** One band's result. */
    @FunctionalInterface
    private interface Band<T> {
        T of(int y0, int y1);
    }

    /** The results of bands of rows of [y0, y1), computed over {@code pool}, in row order. */
    private static <T> List<T> inBands(int y0, int y1, ExecutorService pool, Band<T> band) throws CanceledException {
        int rows = y1 - y0;
        int bands = Math.max(1, Math.min(rows, PARALLEL_BANDS));
        int step = (rows + bands - 1) / bands;
        List<Future<T>> jobs = new ArrayList<>();
        for (int b = y0; b < y1; b += step) {
            int by = b;
            int ey = Math.min(y1, b + step);
            jobs.add(pool.submit(() -> band.of(by, ey)));
        }
        List<T> parts = new ArrayList<>();
        try {
            for (Future<T> j : jobs) {
                parts.add(j.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.forEach(j -> j.cancel(true));
            throw new CanceledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("classification failed: " + e.getCause(), e.getCause());
        }
        return parts;
    }
}
