"""Writes Zarr v2 stores with zarr-python 2 (numcodecs) for ZarrPythonInteropTest, and a manifest.json.

Usage: make_python_zarr.py OUT_DIR

Each store is 3 x 37 x 50 (chunks 2 x 16 x 16: partial chunks at the ends). Element i (C-order index in the
whole array) holds value(kind, i) below, the same formula as the Java test's ZarrValues; stores marked "partial"
only have the region [0:2, 0:16, 16:48] written (chunk-aligned) and the rest is the fill value, never written.
"""
import json
import os
import sys

import numcodecs
import numpy as np
import zarr

SHAPE = (3, 37, 50)
CHUNKS = (2, 16, 16)
PARTIAL = ((0, 2), (0, 16), (16, 48))


def values(kind, n):
    i = np.arange(n, dtype=np.int64)
    if kind == "u1":
        return (i * 37 + 11) % 256
    if kind == "i1":
        return (i * 37 + 11) % 256 - 128
    if kind == "u2":
        return (i * 4099 + 7) % 65536
    if kind == "i2":
        return (i * 4099 + 7) % 65536 - 32768
    if kind == "u4":
        return (i * 2654435761 + 13) % 4294967296
    if kind == "i4":
        return (i * 2654435761 + 13) % 4294967296 - 2147483648
    if kind == "f2":
        return (i % 4001) * 0.25 - 500
    if kind == "f4":
        return (i * 0.37 - 1000.5).astype(np.float32)
    if kind == "f8":
        return i * 1.0e-3 - 7.25 + np.sqrt(i.astype(np.float64))
    raise ValueError(kind)


def compressors():
    out = [("none", None), ("zstd", numcodecs.Zstd(level=3)), ("gzip", numcodecs.GZip(level=5)),
           ("zlib", numcodecs.Zlib(level=5))]
    for cname in ("lz4", "zstd", "zlib"):
        for shuffle, sname in ((numcodecs.Blosc.NOSHUFFLE, "noshuffle"), (numcodecs.Blosc.SHUFFLE, "shuffle"),
                               (numcodecs.Blosc.BITSHUFFLE, "bitshuffle")):
            out.append(("blosc-%s-%s" % (cname, sname), numcodecs.Blosc(cname=cname, clevel=5, shuffle=shuffle)))
    return out


def write(out, manifest, name, dtype, compressor, order="C", separator=".", fill=0, partial=False):
    path = os.path.join(out, name)
    z = zarr.open_array(path, mode="w", shape=SHAPE, chunks=CHUNKS, dtype=dtype, compressor=compressor,
                        order=order, fill_value=fill, dimension_separator=separator)
    kind = np.dtype(dtype).kind + str(np.dtype(dtype).itemsize)
    data = values(kind, int(np.prod(SHAPE))).reshape(SHAPE).astype(dtype)
    if partial:
        region = tuple(slice(a, b) for a, b in PARTIAL)
        z[region] = data[region]
    else:
        z[...] = data
    manifest.append({"name": name, "kind": kind, "dtype": np.dtype(dtype).str, "order": order,
                     "separator": separator, "fill": None if fill is None else float(fill),
                     "partial": partial})


def main():
    out = sys.argv[1]
    manifest = []
    kinds = ["u1", "i1", "u2", "i2", "u4", "i4", "f2", "f4", "f8"]
    for kind in kinds:
        endians = ["|"] if kind[1] == "1" else ["<", ">"]
        for endian in endians:
            dtype = endian + kind
            for cname, compressor in compressors():
                name = "%s-%s" % (dtype.replace("<", "le").replace(">", "be").replace("|", ""), cname)
                write(out, manifest, name, dtype, compressor)
        # F order, nested keys, never-written chunks with a fill value
        write(out, manifest, kind + "-F", "<" + kind if kind[1] != "1" else kind, numcodecs.Zstd(level=1),
              order="F")
        write(out, manifest, kind + "-nested", ">" + kind if kind[1] != "1" else kind,
              numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE), separator="/")
        fill = 7 if kind[0] in "ui" else -2.5
        write(out, manifest, kind + "-partial-F-nested", "<" + kind if kind[1] != "1" else kind,
              numcodecs.GZip(level=1), order="F", separator="/", fill=fill, partial=True)
    for kind in ("f2", "f4", "f8"):
        write(out, manifest, kind + "-partial-nan", "<" + kind, None, fill=np.nan, partial=True)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print("wrote %d stores with zarr %s, numcodecs %s" % (len(manifest), zarr.__version__, numcodecs.__version__))


if __name__ == "__main__":
    main()
