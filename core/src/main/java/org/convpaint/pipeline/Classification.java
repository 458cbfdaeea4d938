package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.convpaint.CanceledException;
import org.convpaint.ConvpaintException;
import org.convpaint.classify.PixelClassifier;

/**
 * convpaint's {@code _clf_predict}: every pixel's feature vector (the float32 column of the feature stack) goes
 * through the classifier; probabilities come back class-major. Pixels are processed in blocks of
 * {@value #BLOCK} rows, spread over the given executor (the classifier is shared read-only).
 */
public final class Classification {
    static final int BLOCK = 4096;

    private Classification() {
    }

    /**
     * @param pool     executor for the row blocks, or null to run on the calling thread
     * @param monitor  progress and cancellation
     * @throws CanceledException if the monitor cancels
     */
    public static Probabilities classify(FeatureStack fs, PixelClassifier clf, ExecutorService pool,
            ProgressMonitor monitor) throws ConvpaintException {
        if (fs.features() != clf.numFeatures()) {
            throw new IllegalArgumentException(fs.features() + " features for a classifier of " + clf.numFeatures());
        }
        int n = fs.pixels();
        int k = clf.numClasses();
        double[] out = new double[k * n];
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (pool == null) {
            for (int b = 0; b < blocks; b++) {
                monitor.checkCanceled();
                classifyBlock(fs, clf, b, out);
                monitor.progress((b + 1.0) / blocks, "classify");
            }
        } else {
            List<Future<?>> jobs = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                int block = b;
                jobs.add(pool.submit(() -> {
                    classifyBlock(fs, clf, block, out);
                    return null;
                }));
            }
            try {
                for (int b = 0; b < blocks; b++) {
                    try {
                        monitor.checkCanceled();
                    } catch (CanceledException e) {
                        jobs.forEach(j -> j.cancel(true));
                        throw e;
                    }
                    jobs.get(b).get();
                    monitor.progress((b + 1.0) / blocks, "classify");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jobs.forEach(j -> j.cancel(true));
                throw new CanceledException();
            } catch (ExecutionException e) {
                throw new IllegalStateException("classification failed: " + e.getCause(), e.getCause());
            }
        }
        return new Probabilities(k, fs.depth(), fs.height(), fs.width(), out);
    }

    private static void classifyBlock(FeatureStack fs, PixelClassifier clf, int block, double[] out) {
        int f = fs.features();
        int n = fs.pixels();
        int k = clf.numClasses();
        int start = block * BLOCK;
        int rows = Math.min(BLOCK, n - start);
        float[] x = new float[rows * f];
        float[] d = fs.data();
        for (int i = 0; i < f; i++) {
            int src = i * n + start;
            for (int r = 0; r < rows; r++) {
                x[r * f + i] = d[src + r];
            }
        }
        double[] p = new double[rows * k];
        clf.predictProba(x, rows, p);
        for (int c = 0; c < k; c++) {
            int dst = c * n + start;
            for (int r = 0; r < rows; r++) {
                out[dst + r] = p[r * k + c];
            }
        }
    }
}
