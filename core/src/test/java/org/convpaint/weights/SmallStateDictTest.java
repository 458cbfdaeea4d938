package org.convpaint.weights;

import static org.convpaint.weights.TestWeights.assertTensor;
import static org.convpaint.weights.TestWeights.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small state dict of the README, written in each layout, reads back to its formulas. */
class SmallStateDictTest {
    private static final List<String> KEYS = List.of("conv.weight", "half", "double", "bf16", "transposed",
            "shared.whole", "shared.view", "shared.strided", "param", "count", "ints", "empty");

    @ParameterizedTest
    @ValueSource(strings = {"small_zip.pth", "small_legacy.pth", "small_deflated.pth"})
    void everyTensorIsReadInFileOrder(String name) throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file(name));
        assertEquals(KEYS, List.copyOf(w.keySet()));
        w.forEach((k, t) -> assertEquals(k, t.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"small_zip.pth", "small_legacy.pth", "small_deflated.pth"})
    void floatTypesAreConvertedToFloat32(String name) throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file(name));
        assertTensor(w.get("conv.weight"), new int[] {2, 3, 4}, i -> i * 0.5 - 3);
        assertTensor(w.get("half"), new int[] {5}, i -> i * 0.25 - 1);
        assertTensor(w.get("double"), new int[] {3, 2}, i -> (float) (i * 0.1));
        assertTensor(w.get("bf16"), new int[] {4}, i -> i * 0.5 - 1);
        assertTensor(w.get("param"), new int[] {2, 2}, i -> i - 1.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small_zip.pth", "small_legacy.pth", "small_deflated.pth"})
    void integerTensorsAndScalarsAreConverted(String name) throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file(name));
        assertTensor(w.get("count"), new int[0], i -> 7);
        double[] ints = {-2, 0, 5};
        assertTensor(w.get("ints"), new int[] {3}, i -> ints[i]);
        assertTensor(w.get("empty"), new int[] {0, 3}, i -> 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small_zip.pth", "small_legacy.pth", "small_deflated.pth"})
    void stridesOffsetsAndSharedStoragesAreHonoured(String name) throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file(name));
        assertTensor(w.get("transposed"), new int[] {4, 3}, i -> (i % 3) * 4 + i / 3);
        assertTensor(w.get("shared.whole"), new int[] {12}, i -> i * 2 + 1);
        assertTensor(w.get("shared.view"), new int[] {2, 3}, i -> (4 + i) * 2 + 1);
        assertTensor(w.get("shared.strided"), new int[] {4}, i -> (1 + 3 * i) * 2 + 1);
        assertNotSame(w.get("shared.whole").data(), w.get("shared.view").data());
    }

    @Test
    void zipAndLegacyLayoutsGiveEqualTensors() throws Exception {
        assertEquals(TorchWeights.read(file("small_zip.pth")), TorchWeights.read(file("small_legacy.pth")));
    }

    @Test
    void bigEndianZipIsByteSwapped() throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file("big_endian.pth"));
        assertTensor(w.get("f"), new int[] {3}, i -> i * 1.5 - 2);
        assertTensor(w.get("h"), new int[] {2}, i -> i * 0.5 - 1);
    }

    @Test
    void legacyStorageViewsAndRebuildTensorV1AreRead() throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file("legacy_v1_view.pth"));
        assertEquals(List.of("w", "b"), List.copyOf(w.keySet()));
        assertTensor(w.get("w"), new int[] {2, 2}, i -> (3 + i) * 3 - 4);
        assertTensor(w.get("b"), new int[] {10}, i -> i * 3 - 4);
    }
}
