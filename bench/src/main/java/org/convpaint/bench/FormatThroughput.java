package org.convpaint.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.convpaint.grid.IntArrayGrid;
import org.convpaint.image.ImageSource;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.PredictionOutput;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.ngff.OmeZarrImage;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.Segmentation;
import org.convpaint.run.PredictionOutputs;

/**
 * Read and write throughput of the two formats on the same image: {@code java -cp benchmarks.jar
 * org.convpaint.bench.FormatThroughput IMAGE.tif IMAGE.ome.zarr WORKDIR}. Reads every plane of both inputs in
 * bands of 512 rows (as the pipeline does), then writes a label image of the same shape (uint32, values that vary
 * like labels) through each format's output, best of 3 runs each. Prints MB/s of uncompressed pixels.
 */
public final class FormatThroughput {
    private FormatThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path tif = Path.of(args[0]);
        Path zarr = Path.of(args[1]);
        Path work = Path.of(args[2]);
        try (TiffReader r = TiffReader.open(tif)) {
            ImageSource t = TiffImageSource.of(r, tif, r.axes());
            report("read  TIFF", t, best(() -> read(t)));
        }
        ImageSource z = OmeZarrImage.open(zarr, 0).source(OmeZarrImage.open(zarr, 0).metadataAxes());
        report("read  Zarr", z, best(() -> read(z)));
        int[] s = z.shape();
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        int[] labels = new int[h * w];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ((i / w) / 37) * 300 + (i % w) / 41;
        }
        IntArrayGrid v = IntArrayGrid.of(labels, 1, h, w);
        Segmentation seg = new Segmentation("YX", 1, h, w, v, null, List.of(), Map.of());
        for (OutputFormat f : OutputFormat.values()) {
            Path out = work.resolve("labels" + f.extension());
            double secs = best(() -> {
                try (PredictionOutput o = PredictionOutputs.open(f, out, null, z)) {
                    o.accept(0, v, seg);
                    o.finish();
                }
            });
            System.out.printf(Locale.ROOT, "write %-5s labels %dx%d uint32: %6.2f s, %7.1f MB/s, %7.1f MB on disk%n",
                    f.name(), h, w, secs, 4.0 * h * w / secs / 1e6, size(out) / 1e6);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double best(Work work) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static void read(ImageSource src) throws Exception {
        int[] s = src.shape();
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        long planes = 1;
        for (int i = 0; i < s.length - 2; i++) {
            planes *= s[i];
        }
        double[] band = new double[512 * w];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y += 512) {
                src.readRows(p, y, Math.min(h, y + 512), band);
            }
        }
    }

    private static void report(String what, ImageSource src, double secs) {
        long n = 1;
        for (int v : src.shape()) {
            n *= v;
        }
        System.out.printf(Locale.ROOT, "%s %s %s: %6.2f s, %7.1f MB/s%n", what, java.util.Arrays.toString(src.shape()),
                src.pixelType().numpyName(), secs, n * src.pixelType().bytes() / secs / 1e6);
    }

    private static long size(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
