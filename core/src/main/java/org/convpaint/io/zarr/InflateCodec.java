package org.convpaint.io.zarr;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import org.convpaint.InvalidInputException;

/**
 * The JDK's deflate in a gzip wrapper (numcodecs {@code GZip}, v3 {@code gzip}) or a zlib wrapper (numcodecs
 * {@code Zlib}). Decoding inflates into a buffer of exactly the expected size and fails if the data ends earlier
 * or would give more. Immutable.
 *
 * @param gzip  gzip wrapper (else zlib)
 * @param level compression level 0..9 for encoding
 */
record InflateCodec(boolean gzip, int level) implements BytesCodec {

    InflateCodec {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("gzip/zlib level must be 0..9, not " + level);
        }
    }

    @Override
    public String name() {
        return gzip ? "gzip" : "zlib";
    }

    @Override
    public byte[] decode(byte[] in, int decodedBytes, Path chunk) throws InvalidInputException {
        byte[] out = new byte[decodedBytes];
        if (gzip) {
            try (InputStream s = new GZIPInputStream(new ByteArrayInputStream(in), 8192)) {
                int n = s.readNBytes(out, 0, decodedBytes);
                if (n < decodedBytes) {
                    throw BytesCodec.tooFew(name(), n, decodedBytes, chunk);
                }
                if (s.read() >= 0) {
                    throw BytesCodec.tooMany(name(), decodedBytes, chunk);
                }
            } catch (IOException | RuntimeException e) {
                throw BytesCodec.damaged(name(), String.valueOf(e.getMessage()), chunk);
            }
            return out;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            int n = 0;
            while (n < decodedBytes && !inflater.finished()) {
                int k = inflater.inflate(out, n, decodedBytes - n);
                n += k;
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw BytesCodec.damaged(name(), "data ends after " + n + " of " + decodedBytes + " bytes",
                            chunk);
                }
            }
            if (n < decodedBytes) {
                throw BytesCodec.tooFew(name(), n, decodedBytes, chunk);
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw BytesCodec.tooMany(name(), decodedBytes, chunk);
            }
            return out;
        } catch (DataFormatException | RuntimeException e) {
            throw BytesCodec.damaged(name(), String.valueOf(e.getMessage()), chunk);
        } finally {
            inflater.end();
        }
    }

    @Override
    public byte[] encode(byte[] in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length / 2 + 64);
        try {
            if (gzip) {
                try (GZIPOutputStream s = new LevelGzip(bytes, level)) {
                    s.write(in);
                }
            } else {
                Deflater deflater = new Deflater(level);
                try (DeflaterOutputStream s = new DeflaterOutputStream(bytes, deflater)) {
                    s.write(in);
                } finally {
                    deflater.end();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** A gzip stream with a chosen level (GZIPOutputStream has no such constructor). */
    private static final class LevelGzip extends GZIPOutputStream {
        LevelGzip(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 8192);
            def.setLevel(level);
        }
    }
}
