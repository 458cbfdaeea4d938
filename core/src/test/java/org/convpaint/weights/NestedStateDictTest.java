package org.convpaint.weights;

import static org.convpaint.weights.TestWeights.assertTensor;
import static org.convpaint.weights.TestWeights.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.convpaint.UnsupportedModelException;
import org.junit.jupiter.api.Test;

/** Checkpoints that keep the weights one level down. */
class NestedStateDictTest {

    @Test
    void theOnlyNestedDictOfTensorsIsUsed() throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file("nested_zip.pth"));
        assertEquals(List.of("w", "b"), List.copyOf(w.keySet()));
        assertTensor(w.get("w"), new int[] {2, 2}, i -> i + 10);
        assertTensor(w.get("b"), new int[] {2}, i -> i - 10);
    }

    @Test
    void teacherIsPreferredOverStudent() throws Exception {
        Map<String, Tensor> w = TorchWeights.read(file("teacher_student_zip.pth"));
        assertEquals(List.of("t"), List.copyOf(w.keySet()));
        assertTensor(w.get("t"), new int[] {3}, i -> i + 0.5);
    }

    @Test
    void severalUnnamedDictsOfTensorsAreRefusedAsAmbiguous() {
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> TorchWeights.read(file("ambiguous_zip.pth")));
        assertTrue(e.getMessage().contains("ambiguous_zip.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("several dicts of tensors"), e.getMessage());
    }
}
