package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bit flipped in a zip entry that is read is reported as damage (CRC-32), naming the file and the entry. */
class DamagedZipWeightsTest {
    @TempDir
    Path tmp;

    /** {@code bytes} with one bit flipped in the first occurrence of {@code marker}, at its byte {@code at}. */
    private static byte[] flipped(byte[] bytes, byte[] marker, int at) {
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                byte[] out = bytes.clone();
                out[i + at] ^= 0x10;
                return out;
            }
        }
        throw new AssertionError("marker not found");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static void assertDamaged(Path f, String entry) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TorchWeights.read(f));
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("damaged: CRC mismatch in entry '" + entry + "'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void bitFlipInAStoredStorageRecordIsACrcMismatch() throws Exception {
        byte[] data = PthBytes.floats(8);
        byte[] zip = PthBytes.zip(PthBytes.pickle("w", 8, new int[] {8}, new int[] {1}), data, false);
        assertEquals(8, TorchWeights.read(write("good.pth", zip)).get("w").size());
        assertDamaged(write("flipped.pth", flipped(zip, data, 13)), "archive/data/0");
    }

    @Test
    void bitFlipInTheStorageBytesNoTensorUsesIsStillACrcMismatch() throws IOException {
        // the tensor is the first 2 of 8 elements; the flip is in element 6
        byte[] data = PthBytes.floats(8);
        byte[] zip = PthBytes.zip(PthBytes.pickle("w", 8, new int[] {2}, new int[] {1}), data, false);
        assertDamaged(write("flipped_tail.pth", flipped(zip, data, 26)), "archive/data/0");
    }

    @Test
    void bitFlipInThePickleIsACrcMismatch() throws IOException {
        byte[] zip = PthBytes.zip(PthBytes.pickle("conv.weight", 4, new int[] {4}, new int[] {1}),
                PthBytes.floats(4), false);
        // 'conv.weight' becomes 'sonv.weight': still a valid pickle
        assertDamaged(write("renamed.pth", flipped(zip, "conv.weight".getBytes(StandardCharsets.US_ASCII), 0)),
                "archive/data.pkl");
    }

    @Test
    void bitFlipInADeflatedStorageRecordIsDamage() throws IOException {
        byte[] zip = PthBytes.zip(PthBytes.pickle("w", 4096, new int[] {4096}, new int[] {1}),
                PthBytes.floats(4096), true);
        byte[] bad = zip.clone();
        bad[bad.length / 2] ^= 0x10;
        Path f = write("deflated.pth", bad);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TorchWeights.read(f));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}
