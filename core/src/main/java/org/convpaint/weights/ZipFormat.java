package org.convpaint.weights;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * The zip layout of torch ≥ 1.6. As in torch's own reader, the archive folder {@code <prefix>} is the first path
 * component of the first entry; {@code <prefix>/data.pkl} is the object pickle, {@code <prefix>/data/<key>} the
 * bytes of storage {@code key}, {@code <prefix>/byteorder} ({@code little} or {@code big}, little when absent)
 * their byte order. Entries may be STORED (as torch writes them) or DEFLATED. Every entry that is read is read to
 * its end and checked against the CRC-32 and size of the central directory; only the window of a storage that the
 * requested tensors touch is kept; a DEFLATED storage record larger than the bytes its requested tensors use (plus
 * {@link #INFLATE_SLACK}) is refused before it is inflated. Stateless.
 */
final class ZipFormat {
    /** Largest {@code data.pkl} accepted: the pickle of a state dict is ~200 bytes per tensor. */
    static final long MAX_PICKLE_BYTES = 64L << 20;
    /** Deflate cannot expand data more than about 1032:1; a larger claim is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** How far a compressed storage record may exceed the bytes its requested tensors use. */
    static final long INFLATE_SLACK = 1 << 16;

    private ZipFormat() {
    }

    static Map<String, Tensor> read(Path file, Predicate<String> wanted, Function<String, int[]> expected,
            long fileSize) throws InvalidModelException, UnsupportedModelException, IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidModelException("the zip archive is damaged or truncated (" + e.getMessage()
                    + "); not a readable PyTorch weights file", file, e);
        }
        try (ZipStorages storages = new ZipStorages(zip, prefix(zip, file), file, fileSize)) {
            if (zip.getEntry(storages.prefix + "constants.pkl") != null) {
                throw new UnsupportedModelException("this is a TorchScript archive (torch.jit.save), not a "
                        + "state_dict; save model.state_dict() with torch.save instead", file);
            }
            byte[] pickle = storages.record("data.pkl", MAX_PICKLE_BYTES);
            if (pickle == null) {
                throw new InvalidModelException("the zip archive has no " + storages.prefix + "data.pkl; not a "
                        + "PyTorch weights file", file);
            }
            storages.order = byteOrder(storages.record("byteorder", 16), file);
            Object root = new TorchPickle(pickle, file, false).next();
            Map<String, TensorRef> refs = new LinkedHashMap<>();
            StateDicts.select(root, file).forEach((name, ref) -> {
                if (wanted.test(name)) {
                    refs.put(name, ref);
                }
            });
            return TensorAssembler.assemble(refs, storages, file, expected);
        }
    }

    private static String prefix(ZipFile zip, Path file) throws InvalidModelException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        if (!entries.hasMoreElements()) {
            throw new InvalidModelException("the zip archive is empty; not a PyTorch weights file", file);
        }
        String first = entries.nextElement().getName();
        int slash = first.indexOf('/');
        return slash < 0 ? "" : first.substring(0, slash + 1);
    }

    private static ByteOrder byteOrder(byte[] record, Path file) throws InvalidModelException {
        if (record == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String s = new String(record, StandardCharsets.US_ASCII).strip();
        return switch (s) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new InvalidModelException("unknown byte order '" + s + "' in the byteorder record", file);
        };
    }

    /** Storage records of an open archive. Closes the archive. */
    private static final class ZipStorages implements StorageSource {
        private final ZipFile zip;
        private final String prefix;
        private final Path file;
        private final long fileSize;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        ZipStorages(ZipFile zip, String prefix, Path file, long fileSize) {
            this.zip = zip;
            this.prefix = prefix;
            this.file = file;
            this.fileSize = fileSize;
        }

        /** The whole record {@code <prefix>/name}, or null if absent. */
        byte[] record(String name, long max) throws InvalidModelException, IOException {
            ZipEntry e = zip.getEntry(prefix + name);
            if (e == null) {
                return null;
            }
            long size = declaredSize(e);
            if (size > max) {
                throw new InvalidModelException(prefix + name + " is " + size + " bytes; more than the " + max
                        + " a PyTorch weights file needs", file);
            }
            try (CheckedEntryStream in = new CheckedEntryStream(zip.getInputStream(e), e)) {
                byte[] b = in.readNBytes((int) size);
                if (b.length != size) {
                    throw new InvalidModelException(prefix + name + " ends after " + b.length + " of its " + size
                            + " bytes; the file is truncated", file);
                }
                in.verify(file);
                return b;
            } catch (ZipException ex) {
                throw damaged(e, ex);
            }
        }

        @Override
        public float[] read(StorageRef root, long from, long to, long usedElements)
                throws InvalidModelException, UnsupportedModelException, IOException {
            String name = prefix + "data/" + root.key();
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new InvalidModelException("storage '" + root.key() + "' has no record " + name, file);
            }
            long size = declaredSize(e);
            if (size < root.byteSize()) {
                throw new InvalidModelException("storage '" + root.key() + "' declares " + root.numel() + " "
                        + root.dtype() + " elements (" + root.byteSize() + " bytes) but its record " + name
                        + " holds only " + size + " bytes", file);
            }
            long usedBytes = usedElements * root.dtype().size();
            if (e.getMethod() == ZipEntry.DEFLATED && size > usedBytes + INFLATE_SLACK) {
                throw new InvalidModelException("compressed entry '" + name + "' inflates to " + size + " bytes but "
                        + "the tensors read from it use only " + usedBytes + "; refused as a possible zip bomb "
                        + "(torch.save stores entries uncompressed)", file);
            }
            int n = StorageDecoder.arrayLength(root, from, to, file);
            long skip = from * root.dtype().size();
            try (CheckedEntryStream in = new CheckedEntryStream(zip.getInputStream(e), e)) {
                if (in.passOver(skip) < skip) {
                    throw new EOFException("the data ends before byte " + skip);
                }
                float[] out = StorageDecoder.decode(Channels.newChannel(in), root.dtype(), order, n);
                in.verify(file);
                return out;
            } catch (EOFException | ZipException ex) {
                throw damaged(e, ex);
            }
        }

        private InvalidModelException damaged(ZipEntry e, IOException ex) {
            return new InvalidModelException("record " + e.getName() + " is damaged or shorter than declared ("
                    + ex.getMessage() + ")", file, ex);
        }

        /** The uncompressed size the central directory declares, checked for plausibility. */
        private long declaredSize(ZipEntry e) throws InvalidModelException {
            long size = e.getSize();
            long packed = e.getCompressedSize();
            boolean plausible = size >= 0 && packed >= 0 && packed <= fileSize && switch (e.getMethod()) {
                case ZipEntry.STORED -> size == packed;
                case ZipEntry.DEFLATED -> size <= packed * MAX_DEFLATE_RATIO + 1024;
                default -> false;
            };
            if (!plausible) {
                throw new InvalidModelException("zip entry " + e.getName() + " has an unsupported compression "
                        + "method or implausible sizes (" + packed + " packed, " + size + " declared)", file);
            }
            return size;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
