/**
 * Reading PyTorch {@code state_dict} files ({@code .pth} written by {@code torch.save}, and {@code .safetensors})
 * without Python and without running pickle code.
 *
 * <p>{@link org.convpaint.weights.TorchWeights#read(java.nio.file.Path, java.util.function.Predicate)} returns
 * the named {@link org.convpaint.weights.Tensor}s of a file as float32 arrays in C order. Both layouts of
 * {@code torch.save} are read:
 * <ul>
 * <li>the zip archive of torch ≥ 1.6 ({@code <prefix>/data.pkl}, one {@code <prefix>/data/<key>} record per
 * storage, optional {@code <prefix>/byteorder});</li>
 * <li>the legacy stream of torch 0.1.10–1.5 (five pickles — magic number, protocol 1001, system info, the object,
 * the storage keys — then each storage as an 8-byte little-endian element count and its little-endian
 * bytes).</li>
 * </ul>
 * and huggingface's {@code .safetensors} ({@code SafetensorsFormat}: 8-byte little-endian header length, JSON
 * header of dtype/shape/data_offsets per tensor, raw little-endian data; F32, F16, BF16 and the other real dtypes).
 * The tar layout of torch &lt; 0.1.10 is refused with {@link org.convpaint.UnsupportedModelException}.
 *
 * <p>Safety: pickles go through {@link org.convpaint.pickle.SafeUnpickler} with an allow-list of exactly the
 * torch globals {@code torch.save} writes for tensors ({@code torch._utils._rebuild_tensor_v2},
 * {@code _rebuild_tensor}, {@code _rebuild_parameter}, {@code _rebuild_parameter_with_state}, the typed
 * {@code torch.*Storage} classes, {@code collections.OrderedDict}) plus numpy's; anything else is refused. Every
 * size read from the file is checked against the bytes that are really there before anything is allocated, and
 * every tensor view is checked to lie inside its storage. Callers that know the network's shapes pass them, and a
 * larger tensor is refused before its storage is read; only the span of a storage that requested tensors touch is
 * kept; a compressed storage record larger than what its tensors use is refused before inflating; every zip entry
 * read is checked against its CRC-32 ({@code CheckedEntryStream}); errors are one line, out-of-memory and stack
 * exhaustion included.
 *
 * <p>Structure: {@code Format} detects the layout; {@code ZipFormat} and {@code LegacyFormat} parse it into
 * {@code TensorRef}s (shape, strides, storage) and a {@code StorageSource}; {@code TorchPickle} holds the
 * allow-list and the persistent-id handling; {@code StateDicts} picks the dict of tensors; {@code StorageDecoder}
 * converts stored bytes to floats and {@code TensorAssembler} cuts tensors out of storages. All classes are
 * stateless or confined to one read; concurrent reads of different files (or the same file) are safe.
 */
package org.convpaint.weights;
