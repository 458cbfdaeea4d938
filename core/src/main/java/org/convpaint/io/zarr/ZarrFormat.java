package org.convpaint.io.zarr;

/** The Zarr format version of a node: v2 ({@code .zarray}, {@code .zgroup}, {@code .zattrs}) or v3 ({@code zarr.json}). */
public enum ZarrFormat {
    V2,
    V3
}
