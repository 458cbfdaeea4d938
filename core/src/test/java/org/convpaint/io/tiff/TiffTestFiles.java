package org.convpaint.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

import org.convpaint.InvalidInputException;
import org.convpaint.testing.Npy;

/** Access to the generated files in {@code src/test/resources/tiff} and whole-series reading for assertions. */
final class TiffTestFiles {
    private TiffTestFiles() {
    }

    /** A file of {@code src/test/resources/tiff}. */
    static Path resource(String name) {
        try {
            return Path.of(TiffTestFiles.class.getResource("/tiff/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource tiff/" + name, e);
        }
    }

    /** All planes of a series in C order, as one array. */
    static double[] readAll(TiffReader r) throws InvalidInputException {
        int plane = r.width() * r.height();
        double[] all = new double[r.planeCount() * plane];
        double[] buf = new double[plane];
        for (int i = 0; i < r.planeCount(); i++) {
            r.readPlane(i, buf);
            System.arraycopy(buf, 0, all, i * plane, plane);
        }
        return all;
    }

    /** Asserts that {@code name}.tif reads as the array its generator stored in {@code name}.npy. */
    static TiffReader assertMatchesNpy(String name) throws IOException, InvalidInputException {
        Npy expected = Npy.read(resource(name + ".npy"));
        TiffReader r = TiffReader.open(resource(name + ".tif"));
        try {
            long[] shape = Arrays.stream(expected.shape).asLongStream().toArray();
            assertArrayEquals(shape, r.shape(), name + " shape");
            assertEquals(expected.shape.length, r.axes().length(), name + " axes " + r.axes());
            double[] actual = readAll(r);
            for (int i = 0; i < actual.length; i++) {
                if (Double.doubleToLongBits(expected.data[i]) != Double.doubleToLongBits(actual[i])) {
                    assertEquals(expected.data[i], actual[i], name + " value at flat index " + i);
                }
            }
            return r;
        } catch (RuntimeException | Error e) {
            r.close();
            throw e;
        }
    }
}
