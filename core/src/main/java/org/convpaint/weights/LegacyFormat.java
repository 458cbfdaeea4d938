package org.convpaint.weights;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * The stream layout of torch 0.1.10–1.5 ({@code torch.save(..., _use_new_zipfile_serialization=False)}), as read
 * by torch's {@code _legacy_load}: five pickles — the magic number 0x1950a86a20f9469cfc6c, the protocol version
 * 1001, a system-info dict (ignored), the object, the list of storage keys — then, for each key in that list's
 * order, the storage's element count (8 bytes, little-endian) followed by its elements (little-endian: torch converts
 * on big-endian machines, so the system-info pickle is not consulted). The count must equal the element count the object pickle declared for that key.
 *
 * <p>Only the pickles are loaded into memory (from a prefix of the file, at most {@link #MAX_PICKLE_BYTES}); the
 * storage spans are located by reading their 8-byte counts and then read, each once, only if a requested tensor
 * uses them. Stateless.
 */
final class LegacyFormat {
    /** Largest part of the file the five pickles may occupy. */
    static final int MAX_PICKLE_BYTES = 64 << 20;
    /** The pickles are first looked for in this many bytes; almost every file fits. */
    private static final int FIRST_TRY = 1 << 20;
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int PROTOCOL = 1001;

    private LegacyFormat() {
    }

    static Map<String, Tensor> read(Path file, Predicate<String> wanted, Function<String, int[]> expected,
            long fileSize) throws InvalidModelException, UnsupportedModelException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Pickles p = readPickles(ch, file, fileSize);
            Map<String, TensorRef> refs = new LinkedHashMap<>();
            StateDicts.select(p.object, file).forEach((name, ref) -> {
                if (wanted.test(name)) {
                    refs.put(name, ref);
                }
            });
            Spans spans = locate(ch, p, file, fileSize);
            return TensorAssembler.assemble(refs, spans, file, expected);
        }
    }

    /** The object and the storage keys, and where the storage data starts. */
    private record Pickles(Object object, List<?> keys, Map<String, StorageRef> roots, long dataStart) {
    }

    private static Pickles readPickles(FileChannel ch, Path file, long fileSize)
            throws InvalidModelException, UnsupportedModelException, IOException {
        int limit = (int) Math.min(fileSize, FIRST_TRY);
        while (true) {
            try {
                return parse(readFully(ch, 0, limit), file);
            } catch (InvalidModelException e) {
                if (limit >= fileSize || limit >= MAX_PICKLE_BYTES) {
                    throw e;
                }
                // the pickles may continue beyond the prefix read so far
                limit = (int) Math.min(fileSize, MAX_PICKLE_BYTES);
            }
        }
    }

    private static Pickles parse(byte[] prefix, Path file) throws InvalidModelException, UnsupportedModelException {
        TorchPickle u = new TorchPickle(prefix, file, true);
        Object magic = u.next();
        if (!(magic instanceof Number m) || !new BigInteger(m.toString()).equals(MAGIC)) {
            throw new InvalidModelException("bad magic number; not a PyTorch weights file", file);
        }
        Object protocol = u.next();
        if (!(protocol instanceof Integer v) || v != PROTOCOL) {
            throw new UnsupportedModelException("legacy torch serialization protocol " + protocol
                    + " is not supported (only " + PROTOCOL + ")", file);
        }
        u.next(); // system info: torch writes storages little-endian whatever it says
        Object object = u.next();
        Object keys = u.next();
        if (!(keys instanceof List<?> list)) {
            throw new InvalidModelException("the list of storage keys is missing or damaged", file);
        }
        return new Pickles(object, list, u.roots(), u.position());
    }

    /** Finds each storage's bytes from the counts in front of them, without reading the bytes. */
    private static Spans locate(FileChannel ch, Pickles p, Path file, long fileSize)
            throws InvalidModelException, IOException {
        Map<String, Long> starts = new HashMap<>();
        long pos = p.dataStart;
        for (Object k : p.keys) {
            String key = k instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : String.valueOf(k);
            StorageRef root = p.roots.get(key);
            if (root == null || starts.containsKey(key)) {
                throw new InvalidModelException("the storage key list names '" + key + "', which the pickle "
                        + (root == null ? "never references" : "lists twice"), file);
            }
            if (fileSize - pos < 8) {
                throw new InvalidModelException("the file ends before storage '" + key + "'; it is truncated", file);
            }
            long count = ByteBuffer.wrap(readFully(ch, pos, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long left = fileSize - pos - 8;
            if (count < 0 || count > left / root.dtype().size()) {
                throw new InvalidModelException("storage '" + key + "' claims " + count + " " + root.dtype()
                        + " elements but only " + left + " bytes are left in the file; it is truncated or damaged",
                        file);
            }
            if (count != root.numel()) {
                throw new InvalidModelException("storage '" + key + "' holds " + count + " elements but the pickle "
                        + "declares " + root.numel(), file);
            }
            starts.put(key, pos + 8);
            pos += 8 + count * root.dtype().size();
        }
        for (String key : p.roots.keySet()) {
            if (!starts.containsKey(key)) {
                throw new InvalidModelException("storage '" + key + "' is referenced but its data is missing",
                        file);
            }
        }
        return new Spans(ch, starts, file);
    }

    private static byte[] readFully(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new EOFException("unexpected end of file");
            }
        }
        return b.array();
    }

    /** Storage spans of the open file; does not own the channel. */
    private record Spans(FileChannel ch, Map<String, Long> starts, Path file) implements StorageSource {
        @Override
        public float[] read(StorageRef root, long from, long to, long usedElements)
                throws UnsupportedModelException, IOException {
            int numel = StorageDecoder.arrayLength(root, from, to, file);
            ch.position(starts.get(root.key()) + from * root.dtype().size());
            return StorageDecoder.decode(ch, root.dtype(), ByteOrder.LITTLE_ENDIAN, numel);
        }

        @Override
        public void close() {
            // the channel belongs to LegacyFormat.read
        }
    }
}
