package org.convpaint.bench;

import java.nio.file.Path;

import org.convpaint.io.tiff.TiffReader;

/**
 * Compares two label images pixel by pixel: {@code java -cp benchmarks.jar org.convpaint.bench.CompareLabels
 * A.tif B.tif} prints the number and fraction of identical pixels; exit code 0 only if all are identical.
 */
public final class CompareLabels {
    private CompareLabels() {
    }

    public static void main(String[] args) throws Exception {
        try (TiffReader a = TiffReader.open(Path.of(args[0])); TiffReader b = TiffReader.open(Path.of(args[1]))) {
            if (a.planeCount() != b.planeCount() || a.width() != b.width() || a.height() != b.height()) {
                System.out.println("shapes differ");
                System.exit(2);
            }
            int plane = a.width() * a.height();
            double[] pa = new double[plane];
            double[] pb = new double[plane];
            long same = 0;
            long total = 0;
            for (int p = 0; p < a.planeCount(); p++) {
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
}
