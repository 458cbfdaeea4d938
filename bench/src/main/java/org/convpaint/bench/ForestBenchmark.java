package org.convpaint.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.convpaint.classify.PixelClassifier;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ModelLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RandomForest evaluation throughput: 1 M pixels × 187 used features through the 100-tree forest of the fixture model
 * {@code m02_vgg16_gray3}. Rows are the real VGG16 features of the stage dump {@code m02…g_u8_61x77} (6 336
 * pixels) repeated to 1 M rows. Rows/s = 1 000 000 / (seconds per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForestBenchmark {
    static final int ROWS = 1_000_000;
    /** Pixels per call, as one image row of a tile in the pipeline. */
    static final int CHUNK = 1024;

    @Param({"1", "2"})
    int threads;

    private ConvpaintModel model;
    private PixelClassifier clf;
    private int[] columns;
    private float[] rows;
    private float[] stack;
    private double[] out;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path fixtures = Path.of(System.getProperty("convpaint.fixtures", "../shared/fixtures"));
        model = ModelLoader.load(fixtures.resolve("models/m02_vgg16_gray3.pkl"));
        float[] dump = readFeatures(fixtures.resolve("cases/m02_vgg16_gray3__g_u8_61x77__ds1/s3_features.npy"));
        int n = dump.length / model.numFeatures();
        int[] used = model.classifier().usedFeatures();
        clf = model.classifier().compact();
        int u = used.length;
        rows = new float[ROWS * u];
        stack = new float[ROWS * u];
        columns = new int[u];
        for (int i = 0; i < u; i++) {
            columns[i] = i * ROWS;
        }
        for (int r = 0; r < ROWS; r++) {
            int src = r % n;
            for (int i = 0; i < u; i++) {
                rows[r * u + i] = dump[used[i] * n + src];
                stack[i * ROWS + r] = dump[used[i] * n + src];
            }
        }
        out = new double[ROWS * model.classes().length];
        pool = Executors.newFixedThreadPool(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
        model.close();
    }

    /** Row-major feature vectors ({@link PixelClassifier#predictProba}). */
    @Benchmark
    public double[] rowMajor() throws Exception {
        int f = clf.numFeatures();
        int k = clf.numClasses();
        List<Future<?>> jobs = new ArrayList<>();
        for (int start = 0; start < ROWS; start += CHUNK) {
            int s = start;
            int n = Math.min(CHUNK, ROWS - s);
            jobs.add(pool.submit(() -> {
                float[] block = new float[n * f];
                System.arraycopy(rows, s * f, block, 0, n * f);
                double[] res = new double[n * k];
                clf.predictProba(block, n, res);
                System.arraycopy(res, 0, out, s * k, n * k);
            }));
        }
        for (Future<?> j : jobs) {
            j.get();
        }
        return out;
    }

    /** Feature columns of a stack, as the pipeline classifies ({@link PixelClassifier#predictProbaColumns}). */
    @Benchmark
    public double[] columns() throws Exception {
        List<Future<?>> jobs = new ArrayList<>();
        for (int start = 0; start < ROWS; start += CHUNK) {
            int s = start;
            int n = Math.min(CHUNK, ROWS - s);
            jobs.add(pool.submit(() -> clf.predictProbaColumns(stack, columns, s, n, out, s, ROWS)));
        }
        for (Future<?> j : jobs) {
            j.get();
        }
        return out;
    }

    /** Reads a float32 or float64 .npy stage dump (F, Z, H, W) as floats. */
    static float[] readFeatures(Path npy) throws IOException {
        byte[] all = Files.readAllBytes(npy);
        int headerLen = ByteBuffer.wrap(all, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        String header = new String(all, 10, headerLen, StandardCharsets.ISO_8859_1);
        boolean f8 = header.contains("'<f8'");
        if (!f8 && !header.contains("'<f4'")) {
            throw new IOException("expected float32 or float64 features in " + npy);
        }
        ByteBuffer b = ByteBuffer.wrap(all, 10 + headerLen, all.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / (f8 ? 8 : 4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = f8 ? (float) b.getDouble() : b.getFloat();
        }
        return out;
    }
}
