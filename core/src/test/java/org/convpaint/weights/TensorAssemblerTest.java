package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.convpaint.pickle.PickleRejection;
import org.junit.jupiter.api.Test;

class TensorAssemblerTest {
    private static final float[] STORAGE = new float[60];

    static {
        for (int i = 0; i < STORAGE.length; i++) {
            STORAGE[i] = i;
        }
    }

    @Test
    void permutedThreeDimensionalViewIsGatheredInCOrder() {
        // a (3,4,5) contiguous tensor permuted to (5,3,4): element [a][b][c] = b*20 + c*5 + a
        TensorRef t = TensorRef.of(StorageRef.root("0", DType.FLOAT32, 60), 0, new long[] {5, 3, 4},
                new long[] {1, 20, 5});
        float[] out = TensorAssembler.gather(STORAGE, t);
        int k = 0;
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 4; c++) {
                    assertArrayEquals(new float[] {b * 20 + c * 5 + a}, new float[] {out[k++]});
                }
            }
        }
    }

    @Test
    void broadcastViewWithZeroStrideRepeatsElements() {
        TensorRef t = TensorRef.of(StorageRef.root("0", DType.FLOAT32, 60), 7, new long[] {2, 3},
                new long[] {0, 1});
        assertArrayEquals(new float[] {7, 8, 9, 7, 8, 9}, TensorAssembler.gather(STORAGE, t));
    }

    @Test
    void viewOfALegacyStorageViewIsOffsetByTheView() {
        StorageRef view = StorageRef.root("0", DType.FLOAT32, 60).view(10, 6);
        TensorRef t = TensorRef.of(view, 2, new long[] {2, 2}, new long[] {1, 2});
        assertArrayEquals(new float[] {12, 14, 13, 15}, TensorAssembler.gather(STORAGE, t));
        assertThrows(PickleRejection.class, () -> TensorRef.of(view, 3, new long[] {2, 2}, new long[] {1, 2}));
    }

    @Test
    void hugeStridesAreRejectedWithoutOverflow() {
        StorageRef s = StorageRef.root("0", DType.FLOAT32, 60);
        assertThrows(PickleRejection.class, () -> TensorRef.of(s, 0, new long[] {3, 3},
                new long[] {Long.MAX_VALUE / 2, 1}));
        assertThrows(PickleRejection.class, () -> TensorRef.of(s, 0, new long[] {1L << 31, 1L << 31},
                new long[] {1, 1}));
    }
}
