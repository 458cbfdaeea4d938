#!/usr/bin/python3
"""Generates the TIFF test files of org.convpaint.io.tiff and the expected pixel values next to them.

Run with Debian's Python (numpy 1.24, tifffile 2023.2.3, Pillow 9.4 built with libtiff; imagecodecs is NOT
needed): ``/usr/bin/python3 make_test_tiffs.py`` from this folder. Every ``NAME.tif`` gets ``NAME.npy``: the
array the reader must return, already in the reader's axis order (leading axes, then Y, X; samples per pixel
as a C axis just before YX). Files written by Pillow go through libtiff's own encoders (LZW, PackBits,
floating-point predictor), so they are independent of the code under test.
"""
import os

import numpy as np
import tifffile
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
H, W = 29, 37  # deliberately not multiples of strip/tile sizes


def ramp(shape, bits, axes):
    """value = (t*1000 + z*100 + c*10 + y + x) mod 2**bits, axes letters name the dimensions of shape."""
    grids = np.meshgrid(*[np.arange(n) for n in shape], indexing="ij")
    weight = {"T": 1000, "Z": 100, "C": 10, "I": 100, "Y": 1, "X": 1}
    v = sum(weight[a] * g for a, g in zip(axes, grids))
    return np.mod(v, 2 ** bits)


def path(name):
    return os.path.join(HERE, name)


def save(name, expected):
    np.save(path(name[:-4] + ".npy"), expected)


def pillow(name, arr, mode, compression, predictor=None):
    im = Image.fromarray(arr, mode=mode) if mode else Image.fromarray(arr)
    info = {317: predictor} if predictor else {}
    im.save(path(name), compression=compression, tiffinfo=info)
    save(name, arr)


def patch_short(name, tag, value):
    """Overwrites the (SHORT) value of a tag of page 0 in place."""
    with tifffile.TiffFile(path(name)) as t:
        offset = t.pages[0].tags[tag].valueoffset
        order = t.byteorder
    with open(path(name), "r+b") as f:
        f.seek(offset)
        f.write(int(value).to_bytes(2, "little" if order == "<" else "big"))


def main():
    # 1. uncompressed uint8, several strips, tifffile JSON description {"shape": [29, 37]}, resolution in cm
    a = ramp((H, W), 8, "YX").astype(np.uint8)
    tifffile.imwrite(path("u8_uncompressed.tif"), a, rowsperstrip=5, resolution=(20000, 10000),
                     resolutionunit="CENTIMETER")  # 0.5 x 1 um pixels
    save("u8_uncompressed.tif", a)

    # 2. LZW by libtiff: uint8 without predictor, uint16 with horizontal predictor, uint16 noise (clear codes)
    pillow("u8_lzw.tif", a, None, "tiff_lzw")
    b = ramp((H, W), 16, "YX").astype(np.uint16) * 97
    pillow("u16_lzw_pred2.tif", b, "I;16", "tiff_lzw", predictor=2)
    noise = np.random.default_rng(0).integers(0, 65536, size=(64, 64), dtype=np.uint16)
    pillow("u16_lzw_noise.tif", noise, "I;16", "tiff_lzw")

    # 3. Deflate + horizontal predictor, ZYX uint16 (tifffile)
    c = (ramp((3, H, W), 16, "ZYX") * 211 % 65536).astype(np.uint16)
    tifffile.imwrite(path("u16_deflate_pred2_zyx.tif"), c, compression="zlib", predictor=2, rowsperstrip=7,
                     photometric="minisblack", metadata={"axes": "ZYX"})
    save("u16_deflate_pred2_zyx.tif", c)

    # 4. float32, Adobe Deflate + floating-point predictor 3 by libtiff
    f = ((ramp((H, W), 16, "YX") - 30) * 0.37).astype(np.float32)
    f[3, 4] = np.float32(1e-30)
    f[5, 6] = np.float32(-3.4e38)
    pillow("f32_deflate_pred3.tif", f, "F", "tiff_adobe_deflate", predictor=3)
    # libtiff also applies predictor 2 to float32, differencing the raw 32-bit patterns (tifffile refuses to)
    pillow("f32_lzw_pred2.tif", f, "F", "tiff_lzw", predictor=2)

    # 5. PackBits by libtiff, uint8 with runs and literals
    p = a.copy()
    p[:, 10:30] = 7
    pillow("u8_packbits.tif", p, None, "packbits")

    # 6. tiled (16x16) Deflate + predictor, ZYX uint16 45x37 (partial edge tiles)
    t = (ramp((2, 45, W), 16, "ZYX") * 3).astype(np.uint16)
    tifffile.imwrite(path("u16_tiled_zyx.tif"), t, tile=(16, 16), compression="zlib", predictor=2,
                     metadata={"axes": "ZYX"})
    save("u16_tiled_zyx.tif", t)

    # 7. BigTIFF, TYX uint16, deflate
    g = ramp((2, H, W), 16, "TYX").astype(np.uint16)
    tifffile.imwrite(path("u16_bigtiff_tyx.tif"), g, bigtiff=True, compression="zlib", metadata={"axes": "TYX"})
    save("u16_bigtiff_tyx.tif", g)

    # 8. big-endian: uint16 deflate + predictor 2 (ZYX), float32 uncompressed, int32 BigTIFF
    tifffile.imwrite(path("u16_bigendian_zyx.tif"), c, byteorder=">", compression="zlib", predictor=2,
                     photometric="minisblack", metadata={"axes": "ZYX"})
    save("u16_bigendian_zyx.tif", c)
    tifffile.imwrite(path("f32_bigendian.tif"), f, byteorder=">")
    save("f32_bigendian.tif", f)
    i32 = (ramp((H, W), 16, "YX").astype(np.int64) * 150000 - 2 ** 31 + 5).astype(np.int32)
    tifffile.imwrite(path("i32_bigendian_bigtiff.tif"), i32, byteorder=">", bigtiff=True)
    save("i32_bigendian_bigtiff.tif", i32)

    # 9. RGB planar-separate (3, H, W) and chunky (H, W, 3) with predictor 2 -> reader axes CYX
    rgb = ramp((3, H, W), 8, "CYX").astype(np.uint8)
    tifffile.imwrite(path("rgb_planar.tif"), rgb, photometric="rgb", planarconfig="separate")
    save("rgb_planar.tif", rgb)
    tifffile.imwrite(path("rgb_chunky.tif"), np.moveaxis(rgb, 0, -1), photometric="rgb", planarconfig="contig",
                     compression="zlib", predictor=2)
    save("rgb_chunky.tif", rgb)
    rgb16 = (ramp((3, H, W), 16, "CYX") * 1111 % 65536).astype(np.uint16)
    tifffile.imwrite(path("rgb16_chunky_pred2.tif"), np.moveaxis(rgb16, 0, -1), photometric="rgb",
                     planarconfig="contig", compression="zlib", predictor=2)
    save("rgb16_chunky_pred2.tif", rgb16)

    # 10. ImageJ hyperstack TZCYX with calibration
    ij = ramp((2, 3, 2, 13, 11), 16, "TZCYX").astype(np.uint16)
    tifffile.imwrite(path("imagej_tzcyx.tif"), ij, imagej=True, resolution=(1 / 0.25, 1 / 0.5),
                     metadata={"axes": "TZCYX", "spacing": 1.5, "unit": "um", "finterval": 2.0})
    save("imagej_tzcyx.tif", ij)

    # 11. OME-TIFF TCZYX uint16 with physical sizes; OME RGB TYXS -> reader TCYX
    ome = ramp((2, 2, 3, 13, 11), 16, "TCZYX").astype(np.uint16)
    tifffile.imwrite(path("ome_tczyx.tif"), ome, ome=True, compression="zlib",
                     metadata={"axes": "TCZYX", "PhysicalSizeX": 0.3, "PhysicalSizeXUnit": "\u00b5m",
                               "PhysicalSizeY": 0.4, "PhysicalSizeYUnit": "\u00b5m", "PhysicalSizeZ": 2.0,
                               "PhysicalSizeZUnit": "\u00b5m", "TimeIncrement": 5.0, "TimeIncrementUnit": "s"})
    save("ome_tczyx.tif", ome)
    orgb = ramp((2, 3, H, W), 8, "TCYX").astype(np.uint8)
    tifffile.imwrite(path("ome_rgb_tyxs.tif"), np.moveaxis(orgb, 1, -1), ome=True, photometric="rgb",
                     metadata={"axes": "TYXS"})
    save("ome_rgb_tyxs.tif", orgb)
    # two RGB pages as OME channels: SizeC=6 -> reader C=6, channel c = sample c%3 of page c//3
    crgb = ramp((6, H, W), 8, "CYX").astype(np.uint8)
    tifffile.imwrite(path("ome_rgb_cyxs.tif"), np.moveaxis(crgb.reshape(2, 3, H, W), 1, -1), ome=True,
                     photometric="rgb", metadata={"axes": "CYXS"})
    save("ome_rgb_cyxs.tif", crgb)

    # 12. int16 with negatives, float64
    i16 = (ramp((H, W), 16, "YX").astype(np.int32) * 347 - 12000).astype(np.int16)
    tifffile.imwrite(path("i16.tif"), i16, compression="zlib")
    save("i16.tif", i16)
    f64 = (ramp((H, W), 16, "YX") / 7.0 - 3.0).astype(np.float64)
    tifffile.imwrite(path("f64.tif"), f64, compression="zlib")
    save("f64.tif", f64)

    # 13. four pages without any metadata -> IYX
    m = ramp((4, H, W), 8, "IYX").astype(np.uint8)
    tifffile.imwrite(path("multipage_nometa.tif"), m, photometric="minisblack", metadata=None)
    save("multipage_nometa.tif", m)

    # 14. a 2-page ZYX series followed by a second series of 3 pages: only the first series is read
    with tifffile.TiffWriter(path("two_series.tif")) as tw:
        tw.write(c[:2], photometric="minisblack", metadata={"axes": "ZYX"})
        tw.write(m[:3], photometric="minisblack", metadata={"axes": "ZYX"})
    save("two_series.tif", c[:2])

    # 15. files the reader must reject: 12-bit (patched tag), bilevel. (zstd, LZMA and JPEG files, which the
    # reader decodes, are made by make_codec_tiffs.sh with libtiff, ImageMagick and tifffile.)
    tifffile.imwrite(path("bad_12bit.tif"), b)
    patch_short("bad_12bit.tif", "BitsPerSample", 12)
    Image.fromarray(a > 100).save(path("bad_bilevel.tif"))


if __name__ == "__main__":
    main()
