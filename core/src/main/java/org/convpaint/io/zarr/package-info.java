/**
 * A self-contained Zarr array layer (Zarr v2 and v3 on a file system; Gson for the JSON, blosc-java, zstd-jni and
 * the JDK's zlib for the codecs): {@link org.convpaint.io.zarr.ZarrArray} reads an existing array region by region,
 * chunk by chunk; {@link org.convpaint.io.zarr.ZarrArrayWriter} creates one and writes it chunk by chunk;
 * {@link org.convpaint.io.zarr.ZarrGroups} reads and writes group attributes. Shapes and offsets are in C order
 * (the last index varies fastest). Nothing here knows about OME-NGFF or images.
 *
 * <p>Layering: the public classes sit on package-private ones, one concern each: metadata files
 * ({@code MetadataFiles}, {@code MetadataFields}), v2 and v3 metadata ({@code V2Metadata}, {@code V3Metadata},
 * both giving an {@code ArrayMetadata}), element types ({@code DType}), chunk names ({@code ChunkKeys}), the
 * bytes-to-bytes codecs ({@code BytesCodec}: {@code InflateCodec}, {@code ZstdCodec}, {@code BloscCodec},
 * {@code Crc32cCodec}, chained by {@code CodecChain}), chunk files ({@code ChunkFiles}), the walk of a region over
 * the chunk grid ({@code ChunkGrid}) and the decoded chunk cache ({@code ChunkCache}).
 *
 * <p>Supported: v2 dtypes {@code |u1 |i1 <u2 >u2 <i2 >i2 <u4 >u4 <i4 >i4 <f2 >f2 <f4 >f4 <f8 >f8} in C or F
 * order with no filters and the compressors blosc, zstd, gzip and zlib (or none), keys separated by {@code .} or
 * {@code /}; v3 data types {@code uint8} to {@code float64} with a regular chunk grid, the default or v2 chunk key
 * encoding and the codecs {@code transpose}, {@code bytes} (little or big endian), {@code gzip}, {@code zstd},
 * {@code blosc} and {@code crc32c} (at most one compressor). Not supported (each named in a one-line error):
 * other dtypes (bool, 64-bit integers, complex, strings), filters, sharding, other codecs, grids and key encodings,
 * storage transformers, 0-dimensional arrays, fill values given as hex bytes.
 *
 * <p>Hostile input: metadata files over 1 MiB, ranks above 32, negative sizes and chunks over 1 GiB are refused
 * before anything is allocated for them; a chunk file's size is checked against what its codecs can produce
 * before it is read, a blosc chunk's header against the chunk's size before the native decoder sees it, and every
 * decoder writes into a buffer of exactly the chunk's size. Every such error is one line naming the file.
 */
package org.convpaint.io.zarr;
