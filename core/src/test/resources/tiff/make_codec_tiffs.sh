#!/bin/sh
# Generates the zstd, LZMA and JPEG test files of org.convpaint.io.tiff with third-party tools (libtiff 4.5
# tiffcp/tiff2rgba, ImageMagick 6.9 convert, tifffile 2023.2.3) and their expected values (NAME.npy) as libtiff
# decodes them. Re-runnable from this folder: sh make_codec_tiffs.sh  (JPEG files and their .npy are
# deterministic; tifffile's LZMA file too.)
set -eu
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# Uncompressed sources written by tifffile (smooth content so that predictors and JPEG behave as on images).
$PY - "$T" <<'PYEOF'
import sys, numpy as np, tifffile
from PIL import Image
t = sys.argv[1]
y, x = np.mgrid[0:29, 0:37]
u16 = ((y * 1500 + x * 900 + (x * y) % 13 * 37) % 65536).astype(np.uint16)
tifffile.imwrite(t + "/u16.tif", u16, rowsperstrip=8)
tifffile.imwrite(t + "/u16_zyx.tif", np.stack([u16, u16[::-1], u16 // 3]), metadata={"axes": "ZYX"},
                 photometric="minisblack", rowsperstrip=8)
f32 = (np.sin(y / 5.0) * np.cos(x / 7.0) * 1000).astype(np.float32)
f32[0, 0] = 1e-30
tifffile.imwrite(t + "/f32.tif", f32, rowsperstrip=8)
y, x = np.mgrid[0:45, 0:37]
u8 = ((y * 5 + x * 3) % 256).astype(np.uint8)
tifffile.imwrite(t + "/u8_45.tif", u8)
np.save("u8_lzma_tifffile.npy", u8)
tifffile.imwrite("u8_lzma_tifffile.tif", u8, compression="lzma", rowsperstrip=16)
# JPEG sources: 61 x 45 (partial MCUs and strips), gradient + shapes
y, x = np.mgrid[0:45, 0:61]
g = 40 + 2.5 * x + 1.5 * y
g[(y - 22) ** 2 + (x - 30) ** 2 < 120] = 230
g[5:15, 40:55] = 20
g = np.clip(g, 0, 255).astype(np.uint8)
tifffile.imwrite(t + "/gray.tif", g)
Image.fromarray(g).save(t + "/gray.png")
r = np.clip(20 + 3.5 * x, 0, 255)
gg = np.clip(200 - 3 * y, 0, 255)
b = np.clip(60 + 2 * x + 2 * y, 0, 255)
rgb = np.stack([r, gg, b], -1)
rgb[(y - 22) ** 2 + (x - 30) ** 2 < 120] = [250, 30, 90]
rgb[5:15, 40:55] = [10, 240, 20]
rgb = rgb.astype(np.uint8)
tifffile.imwrite(t + "/rgb.tif", rgb, photometric="rgb")
Image.fromarray(rgb).save(t + "/rgb.png")
PYEOF

# zstd (50000) and LZMA (34925) by libtiff; ":2" / ":3" = predictor 2 / 3
tiffcp -c zstd "$T/u16.tif" u16_zstd.tif
tiffcp -c zstd:2 "$T/u16.tif" u16_zstd_pred2.tif
tiffcp -c zstd:3 "$T/f32.tif" f32_zstd_pred3.tif
tiffcp -t -w 16 -l 16 -c zstd "$T/u8_45.tif" u8_zstd_tiled.tif
tiffcp -c zstd "$T/u16_zyx.tif" u16_zstd_zyx.tif
tiffcp -c lzma "$T/u16.tif" u16_lzma.tif
tiffcp -c lzma:2 "$T/u16.tif" u16_lzma_pred2.tif
# JPEG (7) by libtiff: gray; RGB as YCbCr 2x2 (tiffcp's default); RGB as RGB (jpeg:r); tiled YCbCr
tiffcp -c jpeg -r 16 "$T/gray.tif" gray_jpeg.tif
tiffcp -c jpeg -r 16 "$T/rgb.tif" rgb_jpeg_ycbcr.tif
tiffcp -c jpeg -r 32 "$T/rgb.tif" rgb_jpeg_ycbcr_r32.tif
tiffcp -c jpeg:r -r 8 "$T/rgb.tif" rgb_jpeg_rgb.tif
tiffcp -c jpeg -t -w 16 -l 16 "$T/rgb.tif" rgb_jpeg_tiled.tif
# JPEG by ImageMagick (through libtiff): gray, RGB (Photometric RGB), YCbCr with 1x1 sampling
convert "$T/gray.png" -compress JPEG gray_jpeg_magick.tif
convert "$T/rgb.png" -compress JPEG rgb_jpeg_magick.tif
convert "$T/rgb.png" -colorspace YCbCr -sampling-factor 1x1 -compress JPEG rgb_jpeg_magick_ycbcr11.tif

# Expected values = what libtiff decodes: tiffcp -c none (gray, zstd, LZMA), tiff2rgba -c none (RGB JPEG:
# libtiff with JPEGCOLORMODE RGB), stored in the reader's axis order (C, Y, X for RGB).
for f in u16_zstd u16_zstd_pred2 f32_zstd_pred3 u8_zstd_tiled u16_zstd_zyx u16_lzma u16_lzma_pred2 \
         gray_jpeg gray_jpeg_magick; do
  tiffcp -c none "$f.tif" "$T/$f.tif"
  $PY -c "import sys, numpy as np, tifffile; np.save(sys.argv[2], tifffile.imread(sys.argv[1]))" "$T/$f.tif" "$f.npy"
done
for f in rgb_jpeg_ycbcr rgb_jpeg_ycbcr_r32 rgb_jpeg_rgb rgb_jpeg_tiled rgb_jpeg_magick rgb_jpeg_magick_ycbcr11; do
  tiff2rgba -c none "$f.tif" "$T/$f.tif"
  $PY -c "import sys, numpy as np, tifffile; a = tifffile.imread(sys.argv[1]); np.save(sys.argv[2], np.ascontiguousarray(a[..., :3].transpose(2, 0, 1)))" "$T/$f.tif" "$f.npy"
done
