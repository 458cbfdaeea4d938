package org.convpaint.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntScratchGrid;
import org.convpaint.io.AtomicOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files carry their owner, and those of dead processes of this host are removed by a later run. */
class TempFilesTest {
    @TempDir
    Path dir;

    /** The PID of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static String host() {
        String owner = TempFiles.owner();
        return owner.substring(0, owner.lastIndexOf('-'));
    }

    @Test
    void filesOfADeadProcessOfThisHostAreRemovedAndNothingElse() throws Exception {
        long dead = deadPid();
        Path stalePart = Files.createFile(dir.resolve(".x_convpaint_labels.tif." + host() + "-" + dead + "-1a2b.part"));
        Path staleScratch = Files.createFile(dir.resolve(".x.tif." + host() + "-" + dead + "-123456789.scratch"));
        Path mine = Files.createFile(dir.resolve(".y.tif." + TempFiles.owner() + "-ff.part"));
        Path otherHost = Files.createFile(dir.resolve(".z.tif.node_17-" + dead + "-ff.part"));
        Path input = Files.createFile(dir.resolve("x.tif"));
        Path oldStyle = Files.createFile(dir.resolve(".w.tif.17f3a.part"));
        assertEquals(2, TempFiles.removeStale(dir));
        assertFalse(Files.exists(stalePart));
        assertFalse(Files.exists(staleScratch));
        assertTrue(Files.exists(mine), "a live process's file stays");
        assertTrue(Files.exists(otherHost), "another machine's run may still be writing");
        assertTrue(Files.exists(input));
        assertTrue(Files.exists(oldStyle), "files without an owner are not ours to judge");
    }

    @Test
    void partialOutputsAndScratchFilesAreNamedWithTheirOwner() throws Exception {
        try (AtomicOutput out = AtomicOutput.to(dir.resolve("a_convpaint_labels.tif"));
                IntScratchGrid scratch = IntScratchGrid.create(GridShape.of(1, 1, 1), dir, "a.tif")) {
            String owner = "." + TempFiles.owner() + "-";
            assertTrue(out.temporaryFile().getFileName().toString().startsWith(".a_convpaint_labels.tif" + owner),
                    out.temporaryFile().toString());
            assertTrue(scratch.file().getFileName().toString().startsWith(".a.tif" + owner), scratch.file().toString());
            assertEquals(0, TempFiles.removeStale(dir), "this process's own files are kept");
        }
    }

    @Test
    void aMissingFolderRemovesNothing() {
        assertEquals(0, TempFiles.removeStale(dir.resolve("missing")));
    }
}
