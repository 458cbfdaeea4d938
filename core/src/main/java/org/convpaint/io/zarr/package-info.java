/**
 * A self-contained Zarr array layer (Zarr v2 and v3 on a file system; Gson for the JSON, blosc-java, zstd-jni and
 * the JDK's zlib for the codecs): {@link org.convpaint.io.zarr.ZarrArray} reads an existing array region by region,
 * chunk by chunk; {@link org.convpaint.io.zarr.ZarrArrayWriter} creates one and writes it chunk by chunk;
 * {@link org.convpaint.io.zarr.ZarrGroups} reads and writes group attributes. Shapes and offsets are in C order
 * (the last index varies fastest). Nothing here knows about OME-NGFF or images.
 */
package org.convpaint.io.zarr;
