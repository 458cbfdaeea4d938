package org.convpaint.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * Reads the tensors of a PyTorch weights file ({@code torch.save} of a {@code state_dict}, zip or legacy layout;
 * see the package documentation) without running any of its pickle code, or of a {@code .safetensors} file (the
 * layout timm and huggingface publish; its JSON header is data only). The layout is recognised by the file's first
 * bytes, not its name. Thread-safe: no shared state.
 *
 * <p>Which dict is read (torch files; a safetensors file is one flat dict): the file's root dict if it has tensor
 * values; otherwise the one nested dict of tensors (e.g. {@code {'epoch': 3, 'state_dict': {…}}}), or, if there are several, the first present of
 * {@code state_dict}, {@code model_state_dict}, {@code model}, {@code teacher}, {@code module}. Non-tensor
 * values of the chosen dict are skipped; the {@code _metadata} of an {@code OrderedDict} is ignored.
 *
 * <p>Conversion: every tensor becomes float32 in C order (see {@link Tensor}), from float32, float16, bfloat16,
 * float64, int64/32/16/8, uint8 or bool storages, honouring storage offsets, strides and storages shared by
 * several tensors; complex and quantized tensors are refused. Each storage is read once; a tensor that is a whole
 * storage keeps the storage's array, so memory peaks at the returned tensors plus one 1 MiB buffer (and, for a
 * storage shared by several views, the part of it those views span).
 *
 * <p>Hostile or damaged files: every zip entry read is checked against its CRC-32; a compressed storage record
 * larger than the bytes its requested tensors use is refused before it is inflated; with expected shapes, a tensor
 * larger than the network needs is refused before anything is allocated; running out of memory becomes an
 * {@link InvalidModelException}.
 */
public final class TorchWeights {

    private TorchWeights() {
    }

    /** Every tensor of {@code file}, by name, in file order. */
    public static Map<String, Tensor> read(Path file) throws InvalidModelException, UnsupportedModelException {
        return read(file, name -> true);
    }

    /**
     * The tensors of {@code file} whose names {@code wanted} accepts, by name, in file order. {@code wanted} is
     * called once per tensor name, in file order; storages used only by unwanted tensors are not read.
     *
     * @throws InvalidModelException     if the file is missing, unreadable, damaged or truncated, is not a PyTorch
     *                                   weights file, or declares storages or views larger than its data
     * @throws UnsupportedModelException if the pickle names a Python global outside the allow-list, the file is in
     *                                   the pre-2017 tar layout or is a TorchScript archive, or a wanted tensor is
     *                                   complex, quantized or too large for a Java array
     */
    public static Map<String, Tensor> read(Path file, Predicate<String> wanted)
            throws InvalidModelException, UnsupportedModelException {
        return read(file, wanted, name -> null);
    }

    /**
     * As {@link #read(Path, Predicate)}, for a caller that knows the shape each tensor must have: a wanted tensor
     * with more elements than {@code expectedShape} gives for its name is refused before any storage is read, so
     * that memory stays bounded by what the network needs (whether the shape itself fits is left to the caller,
     * which can name every misshaped tensor).
     *
     * @param expectedShape the shape the network needs for a tensor name, or null when it has no limit
     * @throws InvalidModelException as {@link #read(Path, Predicate)}, and if a wanted tensor is larger than its
     *                               expected shape, or loading it needs more memory than the Java heap has
     */
    public static Map<String, Tensor> read(Path file, Predicate<String> wanted,
            Function<String, int[]> expectedShape) throws InvalidModelException, UnsupportedModelException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(expectedShape, "expectedShape");
        try {
            long size = Files.size(file);
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(Format.HEAD);
            }
            return switch (Format.detect(head)) {
                case ZIP -> ZipFormat.read(file, wanted, expectedShape, size);
                case LEGACY -> LegacyFormat.read(file, wanted, expectedShape, size);
                case SAFETENSORS -> SafetensorsFormat.read(file, wanted, expectedShape, size);
                case TAR -> throw new UnsupportedModelException("this is a tar-based torch file (PyTorch before "
                        + "0.1.10, 2017); load it with torch and save its state_dict again with a recent torch",
                        file);
                case UNKNOWN -> throw new InvalidModelException(size == 0 ? "the file is empty; expected a PyTorch "
                        + "weights file (.pth)" : "not a PyTorch weights file (neither a torch.save zip archive, "
                        + "nor a legacy torch.save stream, nor a .safetensors file)", file);
            };
        } catch (OutOfMemoryError e) {
            // a single huge array failed to allocate; nothing of this read stays referenced
            throw new InvalidModelException("its tensors need more memory than the Java heap has (" + e.getMessage()
                    + "); the file declares tensors far larger than a feature extractor needs, or -Xmx is too "
                    + "small", file);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException("no such file", file, e);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read the file (" + e.getMessage() + ")", file, e);
        }
    }
}
