package org.convpaint.bench;

import java.nio.file.Path;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffWriter;

/**
 * Writes a deterministic synthetic uint16 image (smooth blobs plus pixel noise) of any size, plane by plane, so
 * that images larger than memory can be made: {@code java -cp benchmarks.jar org.convpaint.bench.SyntheticImage
 * OUT.tif AXES SIZE... [--offset Y X]}, e.g. {@code big.tif YX 10000 10000} or {@code movie.tif TZYX 20 4 512 512}.
 * With {@code --offset Y X} the image is the region of the same synthetic plane starting at row Y, column X — a crop
 * of the larger image with identical pixels, without reading it. An output named {@code *.zarr} is written as an
 * OME-Zarr image instead (NGFF 0.4, Zarr v2, blosc-zstd, chunks of 1024 × 1024 one plane deep), with the same
 * pixels.
 */
public final class SyntheticImage {
    private SyntheticImage() {
    }

    /** The value at (t, z, y, x): a few periodic blobs and ±512 of hashed noise, within 0..65535. */
    static int value(int t, int z, long y, long x) {
        double blobs = Math.sin(x * 0.043 + t * 0.3) * Math.cos(y * 0.037 + z * 0.2)
                + 0.5 * Math.sin((x + y) * 0.011);
        long h = (y * 73_856_093L) ^ (x * 19_349_663L) ^ (t * 83_492_791L) ^ (z * 2_654_435_761L);
        h ^= h >>> 13;
        h *= 0x5bd1e995L;
        h ^= h >>> 15;
        int noise = (int) (h & 1023) - 512;
        return (int) Math.max(0, Math.min(65535, 30000 + 18000 * blobs + noise));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SyntheticImage OUT.tif AXES SIZE... [--offset Y X]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        String axes = args[1];
        long[] shape = new long[axes.length()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Long.parseLong(args[2 + i]);
        }
        long y0 = 0;
        long x0 = 0;
        int rest = 2 + shape.length;
        if (args.length >= rest + 3 && args[rest].equals("--offset")) {
            y0 = Long.parseLong(args[rest + 1]);
            x0 = Long.parseLong(args[rest + 2]);
        }
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        int ti = axes.indexOf('T');
        int zi = axes.indexOf('Z');
        int frames = ti < 0 ? 1 : (int) shape[ti];
        int depth = zi < 0 ? 1 : (int) shape[zi];
        if (out.getFileName().toString().endsWith(".zarr")) {
            SyntheticZarr.write(out, axes, shape, y0, x0);
            return;
        }
        int[] plane = new int[h * w];
        try (TiffWriter writer = TiffWriter.create(out, axes, shape, PixelType.UINT16, Calibration.UNKNOWN)) {
            for (int t = 0; t < frames; t++) {
                for (int z = 0; z < depth; z++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            plane[y * w + x] = value(t, z, y0 + y, x0 + x);
                        }
                    }
                    writer.writePlane(plane);
                }
            }
        }
    }
}
