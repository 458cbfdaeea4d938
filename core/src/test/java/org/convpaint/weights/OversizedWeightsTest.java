package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.convpaint.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that declare far more data than a network needs are refused with one line before the memory is allocated
 * (the memory-exhaustion reproducers of the security review, in miniature).
 */
class OversizedWeightsTest {
    private static final int[] CONV0 = {64, 3, 3, 3};
    private static final Function<String, int[]> VGG_FIRST_CONV = name -> CONV0;

    @TempDir
    Path tmp;

    private Path strideZeroView() throws IOException {
        byte[] pickle = PthBytes.pickle("features.0.weight", 1728, new int[] {Integer.MAX_VALUE}, new int[] {0});
        return Files.write(tmp.resolve("stride0.pth"), PthBytes.zip(pickle, PthBytes.floats(1728), false));
    }

    private static void assertOneLine(InvalidModelException e, Path f, String... fragments) {
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
    }

    @Test
    void strideZeroViewLargerThanTheNetworkNeedsIsRefusedBeforeGathering() throws IOException {
        Path f = strideZeroView();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> TorchWeights.read(f, name -> true, VGG_FIRST_CONV));
        assertOneLine(e, f, "'features.0.weight'", "2147483647 elements", "1728", "[64, 3, 3, 3]");
    }

    @Test
    void strideZeroViewBeyondTheHeapIsOneLineWithoutExpectedShapes() throws IOException {
        Path f = strideZeroView();
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TorchWeights.read(f));
        assertOneLine(e, f, "more memory than the Java heap has");
    }

    @Test
    void tensorsNoLargerThanExpectedAreRead() throws Exception {
        byte[] pickle = PthBytes.pickle("features.0.weight", 1728, CONV0, new int[] {27, 9, 3, 1});
        Path f = Files.write(tmp.resolve("conv0.pth"), PthBytes.zip(pickle, PthBytes.floats(1728), false));
        Tensor t = TorchWeights.read(f, name -> true, VGG_FIRST_CONV).get("features.0.weight");
        assertArrayEquals(CONV0, t.shape());
        assertEquals(1727f, t.data()[1727]);
    }

    @Test
    void deflatedStorageInflatingFarBeyondItsTensorIsRefusedBeforeInflating() throws Exception {
        // 64 MiB of zeros (64 KiB deflated) declared as one storage, of which the tensor uses 1728 floats
        int numel = 16 << 20;
        byte[] pickle = PthBytes.pickle("features.0.weight", numel, CONV0, new int[] {27, 9, 3, 1});
        Path f = Files.write(tmp.resolve("bomb.pth"), PthBytes.zip(pickle, new byte[numel * 4], true));
        assertTrue(Files.size(f) < 1 << 20);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TorchWeights.read(f));
        assertOneLine(e, f, "'archive/data/0' inflates to 67108864 bytes", "use only 6912", "zip bomb");
    }

    @Test
    void storedStorageIsCutToTheWindowItsTensorsUse() throws Exception {
        // the tensor is elements 10..13 of a 64-element storage
        byte[] pickle = PthBytes.pickle("w", 64, new int[] {2, 2}, new int[] {2, 1});
        byte[] zip = PthBytes.zip(pickle, PthBytes.floats(64), false);
        Path f = Files.write(tmp.resolve("window.pth"), zip);
        Map<String, Tensor> w = TorchWeights.read(f);
        assertArrayEquals(new float[] {0, 1, 2, 3}, w.get("w").data());
    }
}
