package org.convpaint.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchScopeTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void closingTheScopeDeletesEveryFileMadeThroughIt() throws Exception {
        LabelVolume kept;
        try (ScratchScope scope = new ScratchScope(dir)) {
            LabelVolume a = scope.labelsOnDisk(2, 3, 4);
            LabelVolume b = scope.sibling(a);
            kept = scope.sibling(LabelVolume.zeros(1, 2, 2));
            assertFalse(b.inMemory());
            assertTrue(kept.inMemory(), "a sibling of labels in memory stays in memory");
            assertEquals(2, files());
            scope.release(a);
            assertEquals(1, files(), "released early");
            b.write(0, 0, 0, new int[] {7}, 0, 1);
        }
        assertEquals(0, files());
    }

    @Test
    void filesAreDeletedWhenTheWorkFails() throws Exception {
        assertThrows(IllegalStateException.class, () -> {
            try (ScratchScope scope = new ScratchScope(dir)) {
                scope.labelsOnDisk(1, 8, 8);
                scope.own(LabelVolume.onDisk(1, 2, 2, dir));
                throw new IllegalStateException("a stage failed");
            }
        });
        assertEquals(0, files());
    }

    @Test
    void everyResourceIsClosedEvenIfOneFailsToClose() throws Exception {
        ScratchScope scope = new ScratchScope(dir);
        scope.labelsOnDisk(1, 2, 2);
        scope.own(() -> {
            throw new IOException("cannot close");
        });
        scope.labelsOnDisk(1, 2, 2);
        IOException e = assertThrows(IOException.class, scope::close);
        assertEquals("cannot close", e.getMessage());
        assertEquals(0, files());
    }
}
