package org.convpaint.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IntQueueTest {

    @Test
    void keepsFirstInFirstOutOrderAcrossWrapAroundAndGrowth() {
        IntQueue q = new IntQueue(3);
        ArrayDeque<Integer> expected = new ArrayDeque<>();
        Random rnd = new Random(11);
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            // more adds than polls on average, with long runs of each, so the ring wraps and grows while wrapped
            if (expected.isEmpty() || rnd.nextInt(100) < 55) {
                q.add(next);
                expected.add(next++);
            } else {
                assertEquals(expected.poll(), q.poll());
            }
            assertEquals(expected.size(), q.size());
        }
        while (!expected.isEmpty()) {
            assertEquals(expected.poll(), q.poll());
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void pollingAnEmptyQueueFails() {
        assertThrows(IllegalStateException.class, () -> new IntQueue(1).poll());
    }
}
