package org.convpaint.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.image.ImageSource;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.ngff.OmeZarrImage;
import org.convpaint.io.tiff.TiffReader;

/**
 * Compares two label images pixel by pixel: {@code java -cp benchmarks.jar org.convpaint.bench.CompareLabels A B}
 * (each a TIFF file or an OME-Zarr image) prints the number and fraction of identical pixels; exit code 0 only if
 * all are identical.
 */
public final class CompareLabels {
    private CompareLabels() {
    }

    private static ImageSource open(Path p) throws Exception {
        if (Files.isDirectory(p)) {
            OmeZarrImage z = OmeZarrImage.open(p, 0);
            return z.source(z.metadataAxes());
        }
        TiffReader r = TiffReader.open(p);
        return TiffImageSource.of(r, p, r.axes());
    }

    public static void main(String[] args) throws Exception {
        ImageSource a = open(Path.of(args[0]));
        ImageSource b = open(Path.of(args[1]));
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            System.out.println("shapes differ: " + java.util.Arrays.toString(a.shape()) + " and "
                    + java.util.Arrays.toString(b.shape()));
            System.exit(2);
        }
        int[] s = a.shape();
        int plane = s[s.length - 1] * s[s.length - 2];
        int planes = 1;
        for (int i = 0; i < s.length - 2; i++) {
            planes *= s[i];
        }
        double[] pa = new double[plane];
        double[] pb = new double[plane];
        long same = 0;
        long total = 0;
        for (int p = 0; p < planes; p++) {
            a.readPlane(p, pa);
            b.readPlane(p, pb);
            for (int i = 0; i < plane; i++) {
                same += pa[i] == pb[i] ? 1 : 0;
            }
            total += plane;
        }
        System.out.printf("identical %d/%d (%.4f %%)%n", same, total, 100.0 * same / total);
        System.exit(same == total ? 0 : 1);
    }
}
