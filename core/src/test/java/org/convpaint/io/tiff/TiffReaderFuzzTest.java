package org.convpaint.io.tiff;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.convpaint.InvalidInputException;
import org.convpaint.testing.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the TIFF reader: any bytes either open and read (every plane, row band by row band) or fail
 * with one {@link InvalidInputException}; anything else (another exception, an error, a hang) is a finding.
 * Runs over the seed corpus in {@code TiffReaderFuzzTestInputs/} in every build; {@code JAZZER_FUZZ=1} fuzzes
 * (see the README's "Fuzzing" section).
 */
class TiffReaderFuzzTest {
    /** Planes and rows read at most per input, so that valid but large images stay quick. */
    private static final long MAX_VALUES = 1 << 22;

    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // seconds per input, in regression and in fuzzing mode (Jazzer passes it to libFuzzer)
    void readerOpensAndReadsOrFailsWithOneLine(byte[] bytes) throws Exception {
        FuzzFiles.withFile(bytes, ".tif", file -> {
            try (TiffReader r = TiffReader.open(file)) {
                if (r.width() > MAX_VALUES) {
                    return;
                }
                long budget = MAX_VALUES;
                double[] row = new double[r.width()];
                for (int p = 0; p < r.planeCount() && budget > 0; p++) {
                    for (int y = 0; y < r.height() && budget > 0; y += 7) {
                        r.readRows(p, y, y + 1, row);
                        budget -= r.width();
                    }
                }
            } catch (InvalidInputException expected) {
                if (expected.getMessage().contains("\n")) {
                    throw new AssertionError("a message of more than one line: " + expected.getMessage());
                }
            }
        });
    }
}
