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
 * through the classifier; probabilities come back class-major. A whole stack is processed in blocks of
 * {@value #BLOCK} pixels; a tile's region on the calling thread, or in row bands over an idle executor (the
 * classifier is shared read-only). Only the features the classifier uses are read
 * ({@link PixelClassifier#bindColumns}, once per region).
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
     * ({@code K × (y1−y0)·(x1−x0)}), on the calling thread.
     *
     * @param compact the classifier over only {@code used} features ({@link PixelClassifier#compact()})
     */
    public static double[] classifyRegion(FeatureStack fs, PixelClassifier compact, int[] used, int y0, int y1,
            int x0, int x1) {
        int f = used.length;
        int n = fs.pixels();
        int w = fs.width();
        int rw = x1 - x0;
        int count = (y1 - y0) * rw;
        int k = compact.numClasses();
        double[] out = new double[k * count];
        float[] d = fs.data();
        int[] columns = new int[f];
        for (int i = 0; i < f; i++) {
            columns[i] = used[i] * n;
        }
        PixelClassifier.BoundColumns bound = compact.bindColumns(d, columns);
        for (int y = y0; y < y1; y++) {
            bound.predictProba(y * w + x0, rw, out, (y - y0) * rw, count);
        }
        return out;
    }

    /** As {@link #classifyRegion}, with bands of rows spread over {@code pool} (which must be idle). */
    static double[] classifyRegionParallel(FeatureStack fs, PixelClassifier compact, int[] used, int y0, int y1,
            int x0, int x1, ExecutorService pool) throws CanceledException {
        int rows = y1 - y0;
        int rw = x1 - x0;
        int count = rows * rw;
        int k = compact.numClasses();
        int bands = Math.max(1, Math.min(rows, PARALLEL_BANDS));
        int step = (rows + bands - 1) / bands;
        List<Future<double[]>> jobs = new ArrayList<>();
        for (int b = y0; b < y1; b += step) {
            int by = b;
            int ey = Math.min(y1, b + step);
            jobs.add(pool.submit(() -> classifyRegion(fs, compact, used, by, ey, x0, x1)));
        }
        double[] out = new double[k * count];
        try {
            int b = y0;
            for (Future<double[]> j : jobs) {
                double[] part = j.get();
                int ey = Math.min(y1, b + step);
                int n = (ey - b) * rw;
                for (int c = 0; c < k; c++) {
                    System.arraycopy(part, c * n, out, c * count + (b - y0) * rw, n);
                }
                b = ey;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.forEach(j -> j.cancel(true));
            throw new CanceledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("classification failed: " + e.getCause(), e.getCause());
        }
        return out;
    }
}
