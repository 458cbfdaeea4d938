package org.convpaint.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridScopeTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void closingTheScopeDeletesEveryFileMadeThroughIt() throws Exception {
        IntGrid kept;
        try (GridScope scope = new GridScope(dir)) {
            IntGrid a = scope.labelsOnDisk(GridShape.of(2, 3, 4));
            IntGrid b = scope.sibling(a);
            DoubleGrid p = scope.probabilitiesOnDisk(new GridShape(3, 1, 2, 2));
            kept = scope.sibling(IntArrayGrid.zeros(GridShape.of(1, 2, 2)));
            assertNull(b.array());
            assertEquals(a.shape(), b.shape());
            assertNull(p.array());
            assertNotNull(kept.array(), "a sibling of labels in the heap stays in the heap");
            assertEquals(3, files());
            scope.release(a);
            assertEquals(2, files(), "released early");
            b.write(0, new int[] {7}, 0, 1);
        }
        assertEquals(0, files());
    }

    @Test
    void filesAreDeletedWhenTheWorkFails() throws Exception {
        assertThrows(IllegalStateException.class, () -> {
            try (GridScope scope = new GridScope(dir)) {
                scope.labelsOnDisk(GridShape.of(1, 8, 8));
                scope.own(IntScratchGrid.create(GridShape.of(1, 2, 2), dir, "other"));
                throw new IllegalStateException("a stage failed");
            }
        });
        assertEquals(0, files());
    }

    @Test
    void everyResourceIsClosedEvenIfOneFailsToClose() throws Exception {
        GridScope scope = new GridScope(dir);
        scope.labelsOnDisk(GridShape.of(1, 2, 2));
        scope.own(() -> {
            throw new IOException("cannot close");
        });
        scope.labelsOnDisk(GridShape.of(1, 2, 2));
        IOException e = assertThrows(IOException.class, scope::close);
        assertEquals("cannot close", e.getMessage());
        assertEquals(0, files());
    }
}
