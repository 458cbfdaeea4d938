package org.convpaint.weights;

import static org.convpaint.weights.TestWeights.assertTensor;
import static org.convpaint.weights.TestWeights.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code read(file, wanted)} returns only the wanted tensors and does not touch the other storages. */
class WantedTensorsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"small_zip.pth", "small_legacy.pth"})
    void onlyWantedTensorsAreReturnedInFileOrder(String name) throws Exception {
        List<String> asked = new ArrayList<>();
        Map<String, Tensor> w = TorchWeights.read(file(name), n -> asked.add(n) && n.startsWith("shared."));
        assertEquals(List.of("shared.whole", "shared.view", "shared.strided"), List.copyOf(w.keySet()));
        assertEquals(12, asked.size());
        assertTensor(w.get("shared.strided"), new int[] {4}, i -> (1 + 3 * i) * 2 + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small_zip.pth", "small_legacy.pth"})
    void aViewAloneIsCutFromItsSharedStorage(String name) throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file(name), "shared.view"::equals);
        assertEquals(List.of("shared.view"), List.copyOf(w.keySet()));
        assertTensor(w.get("shared.view"), new int[] {2, 3}, i -> (4 + i) * 2 + 1);
    }

    @Test
    void storagesOfUnwantedTensorsAreNotRead() throws Exception {
        Path f = tmp.resolve("small_zip.pth");
        try (OutputStream out = Files.newOutputStream(f)) {
            HostileAndDamagedFilesTest.copyWithout(file("small_zip.pth"), "small_zip/data/0", out);
        }
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TorchWeights.read(f));
        assertTrue(e.getMessage().contains("storage '0'"), e.getMessage());
        Map<String, Tensor> w = TorchWeights.read(f, n -> !n.equals("conv.weight"));
        assertEquals(11, w.size());
        assertTensor(w.get("half"), new int[] {5}, i -> i * 0.25 - 1);
    }

    @Test
    void nothingWantedGivesAnEmptyMap() throws Exception {
        assertTrue(TorchWeights.read(file("small_legacy.pth"), n -> false).isEmpty());
    }
}
