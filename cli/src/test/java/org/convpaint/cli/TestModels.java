package org.convpaint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model files for CLI tests, derived from the bundled Gaussian fixture model. */
final class TestModels {
    private TestModels() {
    }

    /** The bundled napari-convpaint model {@code m03_gauss_ms_o1_norm1.pkl}, copied to {@code dir}. */
    static Path gaussian(Path dir) throws IOException {
        Path f = dir.resolve("m03.pkl");
        try (InputStream in = TestModels.class.getResourceAsStream("/testdata/m03_gauss_ms_o1_norm1.pkl")) {
            Files.copy(in, f);
        }
        return f;
    }

    /**
     * The bundled model with its feature extractor name replaced (the pickled string is rewritten with its
     * one-byte length prefix, opcode SHORT_BINUNICODE).
     */
    static Path withExtractor(Path dir, String name) throws IOException {
        byte[] pkl;
        try (InputStream in = TestModels.class.getResourceAsStream("/testdata/m03_gauss_ms_o1_norm1.pkl")) {
            pkl = in.readAllBytes();
        }
        byte[] old = ("\u008c\u0011gaussian_features").getBytes(StandardCharsets.ISO_8859_1);
        byte[] repl = new byte[2 + name.length()];
        repl[0] = (byte) 0x8c;
        repl[1] = (byte) name.length();
        System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, repl, 2, name.length());
        int at = indexOf(pkl, old);
        if (at < 0) {
            throw new IllegalStateException("extractor name not found in the test model");
        }
        byte[] out = new byte[pkl.length - old.length + repl.length];
        System.arraycopy(pkl, 0, out, 0, at);
        System.arraycopy(repl, 0, out, at, repl.length);
        System.arraycopy(pkl, at + old.length, out, at + repl.length, pkl.length - at - old.length);
        Path f = dir.resolve(name + ".pkl");
        Files.write(f, out);
        return f;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
