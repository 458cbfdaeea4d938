package org.convpaint.io.zarr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.convpaint.InvalidInputException;

/**
 * Reading and writing chunk files. Reading checks the file's size against what its codecs allow before reading
 * it; writing goes through a temporary file renamed over the chunk, so that no reader ever sees half a chunk.
 * Stateless.
 */
final class ChunkFiles {
    /** Largest array the JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private ChunkFiles() {
    }

    /**
     * The decoded bytes of chunk file {@code file}, or null if there is no such file.
     *
     * @throws InvalidInputException naming {@code file}: unreadable, too large or of the wrong size, damaged
     */
    static byte[] read(Path file, CodecChain codecs, int chunkBytes) throws InvalidInputException {
        long exact = codecs.exactStoredBytes(chunkBytes);
        long max = Math.min(MAX_ARRAY, codecs.maxStoredBytes(chunkBytes));
        byte[] stored;
        try {
            long size = Files.size(file);
            checkSize(file, size, exact, max, chunkBytes);
            try (InputStream in = Files.newInputStream(file)) {
                stored = in.readNBytes((int) size);
                if (in.read() >= 0) {
                    throw new InvalidInputException("chunk file grew while it was read", file);
                }
            }
            checkSize(file, stored.length, exact, max, chunkBytes);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read chunk file: " + MetadataFiles.oneLine(e.toString()), file);
        }
        return codecs.decode(stored, chunkBytes, file);
    }

    private static void checkSize(Path file, long size, long exact, long max, int chunkBytes)
            throws InvalidInputException {
        if (exact >= 0 && size != exact) {
            throw new InvalidInputException("uncompressed chunk file has " + size + " bytes, expected " + exact
                    + (size < exact ? " (truncated)" : " (too large: wrong chunk size)"), file);
        }
        if (size > max) {
            throw new InvalidInputException("chunk file has " + size + " bytes, more than the " + max
                    + " bytes a compressed chunk of " + chunkBytes + " bytes can take: the file is damaged", file);
        }
    }

    /** Writes {@code bytes} to chunk file {@code file} (creating its folders) through a temporary file. */
    static void write(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        MetadataFiles.writeAtomically(file, bytes);
    }
}
