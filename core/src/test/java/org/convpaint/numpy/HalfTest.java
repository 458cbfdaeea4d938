package org.convpaint.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;

/** {@link Half} against numpy 1.24.2 (expected values: src/test/resources/float16/README.md). */
class HalfTest {
    static Path resource(String name) {
        return Path.of("src", "test", "resources", "float16", name);
    }

    @Test
    void everyHalfBitPatternConvertsToTheValueNumpyGives() throws IOException {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(resource("half_values.f4.gz")))) {
            raw = in.readAllBytes();
        }
        assertEquals(65536 * 4, raw.length);
        ByteBuffer numpy = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < 65536; b++) {
            final int bits = b;
            double expected = numpy.getFloat(4 * bits);
            double actual = Half.toDouble(bits);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(actual), () -> Integer.toHexString(bits));
            } else {
                // bit equality of the doubles also checks the sign of zero
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                        () -> "0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void roundingDoublesToHalfFollowsNumpyTiesToEvenSubnormalsAndOverflow() throws IOException {
        Npy pairs = Npy.read(resource("half_rounding.npy"));
        assertTrue(pairs.shape[0] > 1000);
        for (int i = 0; i < pairs.shape[0]; i++) {
            double x = pairs.data[2 * i];
            double expected = pairs.data[2 * i + 1];
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Half.round(x)),
                    "round(" + x + ")");
        }
    }

    @Test
    void knownHalvesFromTheDefinition() {
        assertEquals(0x1p-24, Half.toDouble(0x0001));
        assertEquals(0x3ffp-24, Half.toDouble(0x03ff));
        assertEquals(0x1p-14, Half.toDouble(0x0400));
        assertEquals(1.0, Half.toDouble(0x3c00));
        assertEquals(-2.0, Half.toDouble(0xc000));
        assertEquals(65504.0, Half.toDouble(0x7bff));
        assertEquals(Double.POSITIVE_INFINITY, Half.toDouble(0x7c00));
        assertEquals(Double.NEGATIVE_INFINITY, Half.toDouble(0xfc00));
        assertTrue(Double.isNaN(Half.toDouble(0x7e00)));
        assertEquals(17 * 0x1p-24, Half.round(1e-6), "numpy's float16(1e-6) is the subnormal 17 * 2^-24");
        assertEquals(Double.POSITIVE_INFINITY, Half.round(65520.0));
        assertEquals(65504.0, Half.round(65519.99));
    }
}
