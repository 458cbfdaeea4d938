package org.convpaint.scratch;

import java.io.IOException;
import java.nio.file.Path;

import org.convpaint.ConvpaintException;

/** The errors a run reports when its scratch files fail, each naming the folder and what to do. Stateless. */
public final class ScratchErrors {
    private ScratchErrors() {
    }

    /** A scratch file for {@code what} (e.g. "the labels") could not be created in {@code folder}. */
    public static ConvpaintException cannotCreate(String what, Path folder, IOException e) {
        return new ConvpaintException("cannot create a scratch file for " + what + " in " + folder + " (" + e
                + "); choose a writable folder (--scratch)", folder, e);
    }

    /** A scratch file in {@code folder} could not be written or read back (e.g. the disk is full). */
    public static ConvpaintException cannotUse(Path folder, IOException e) {
        return new ConvpaintException("cannot use the scratch files in " + folder + " (" + e.getMessage()
                + "); free disk space there or choose another folder (--scratch)", folder, e);
    }
}
