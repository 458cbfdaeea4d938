#!/usr/bin/python3
"""Generates the float16 (SampleFormat 3, BitsPerSample 16) TIFF test files and their expected values.

Run with Debian's Python (numpy 1.24.2, tifffile 2023.2.3) and libtiff's ``tiffcp`` (Debian package
libtiff-tools 4.5): ``/usr/bin/python3 make_float16_tiffs.py`` from this folder. tifffile writes the uncompressed
files; tiffcp (libtiff's own encoders) adds Deflate/LZW with predictor 2 or 3, because tifffile refuses predictor
2 on float16 and needs imagecodecs for predictor 3. Every ``NAME.tif`` gets ``NAME.npy``, the values as float32
(exact for halves), in the reader's axis order.
"""
import os
import subprocess

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
H, W = 29, 37


def path(name):
    return os.path.join(HERE, name)


def halves(shape):
    """A ramp of halves with special values: subnormals, -0, the largest finite half, +-inf, NaN."""
    n = int(np.prod(shape))
    v = ((np.arange(n) * 37) % 2001 - 1000) * 0.173
    v = v.astype(np.float16).reshape(-1)
    special = [2.0 ** -24, 3 * 2.0 ** -24, -(1023 * 2.0 ** -24), 2.0 ** -14, -0.0, 65504.0, -65504.0,
               np.inf, -np.inf, np.nan, 1e-3, 0.1]
    for i, s in enumerate(special):
        v[5 + 11 * i] = s
    return v.reshape(shape)


def tiffcp(src, dst, *args):
    subprocess.run(["tiffcp", *args, path(src), path(dst)], check=True)


def main():
    a = halves((H, W))
    tifffile.imwrite(path("f16.tif"), a, rowsperstrip=8)
    np.save(path("f16.npy"), a.astype("<f4"))

    tiffcp("f16.tif", "f16_deflate_pred3.tif", "-c", "zip:3", "-r", "5")
    np.save(path("f16_deflate_pred3.npy"), a.astype("<f4"))
    # big-endian uncompressed by tifffile. Not tiffcp -B with predictor 3: libtiff 4.5 on a little-endian host
    # writes the byte planes of big-endian files least significant first (and reads them back wrongly itself)
    tifffile.imwrite(path("f16_bigendian.tif"), a, byteorder=">")
    np.save(path("f16_bigendian.npy"), a.astype("<f4"))

    z = halves((3, H, W))[::-1].copy()
    tmp = path("f16_zyx_tmp.tif")
    tifffile.imwrite(tmp, z, photometric="minisblack", metadata={"axes": "ZYX"})
    tiffcp("f16_zyx_tmp.tif", "f16_lzw_pred2_zyx.tif", "-c", "lzw:2", "-r", "7")
    os.remove(tmp)
    np.save(path("f16_lzw_pred2_zyx.npy"), z.astype("<f4"))

    for name in ("f16_deflate_pred3", "f16_bigendian", "f16_lzw_pred2_zyx"):
        with tifffile.TiffFile(path(name + ".tif")) as t:
            p = t.pages[0]
            print(name, t.byteorder, p.compression.name, p.predictor, p.dtype, len(t.pages), p.description)


if __name__ == "__main__":
    main()
