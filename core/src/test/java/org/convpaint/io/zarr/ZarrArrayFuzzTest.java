package org.convpaint.io.zarr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.convpaint.InvalidInputException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the Zarr reader: a store built from the input either opens and reads or fails with one
 * {@link InvalidInputException}; anything else (another exception, an error, a hang) is a finding.
 * The input is {@code F L1 L2 METADATA CHUNK}: {@code F} even for v2 ({@code .zarray}), odd for v3
 * ({@code zarr.json}); {@code L1 L2} the metadata's length (big-endian); then the metadata; the rest is chunk 0
 * (stored under whatever key the metadata gives it). Runs over the seed corpus in {@code ZarrArrayFuzzTestInputs/}
 * in every build; {@code JAZZER_FUZZ=1} fuzzes (see the README's "Fuzzing" section).
 */
class ZarrArrayFuzzTest {
    /** Values read at most per input, so that valid but large arrays stay quick. */
    private static final long MAX_VALUES = 1 << 20;

    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // seconds per input, in regression and in fuzzing mode (Jazzer passes it to libFuzzer)
    void storeOpensAndReadsOrFailsWithOneLine(byte[] bytes) throws Exception {
        if (bytes.length < 3) {
            return;
        }
        int length = Math.min(bytes.length - 3, ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff));
        Path dir = Files.createTempDirectory("fuzz-zarr");
        try {
            Files.write(dir.resolve((bytes[0] & 1) == 0 ? ".zarray" : "zarr.json"),
                    Arrays.copyOfRange(bytes, 3, 3 + length));
            byte[] chunk = Arrays.copyOfRange(bytes, 3 + length, bytes.length);
            try {
                ZarrArray a = ZarrArray.open(dir, 1 << 22);
                long[] shape = a.shape();
                int[] chunks = a.chunks();
                Path file = a.chunkFile(new long[shape.length]);
                if (!file.normalize().startsWith(dir)) {
                    throw new AssertionError("chunk file outside the array: " + file);
                }
                Files.createDirectories(file.getParent());
                Files.write(file, chunk);
                // the first chunk's part of the array, then a box at the array's end (missing chunks)
                read(a, new long[shape.length], chunks, shape);
                long[] end = new long[shape.length];
                for (int d = 0; d < shape.length; d++) {
                    end[d] = Math.max(0, shape[d] - 2);
                }
                read(a, end, new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                    2, 2, 2, 2, 2}, shape);
            } catch (InvalidInputException expected) {
                if (expected.getMessage().contains("\n")) {
                    throw new AssertionError("a message of more than one line: " + expected.getMessage());
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Reads the box at {@code offset} of at most {@code max} per dimension, clipped to the array and the budget. */
    private static void read(ZarrArray a, long[] offset, int[] max, long[] shape) throws InvalidInputException {
        int[] size = new int[shape.length];
        long n = 1;
        for (int d = 0; d < shape.length; d++) {
            size[d] = (int) Math.min(max[d], shape[d] - offset[d]);
            n *= Math.max(1, size[d]);
            if (n > MAX_VALUES) {
                return;
            }
        }
        a.read(offset, size, new double[(int) n]);
    }
}
