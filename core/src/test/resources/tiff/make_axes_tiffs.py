"""Writes the axis-order and RGB test files of README.md (section "Axis orders and channels").

Run from this folder with Debian's Python (numpy 1.24, tifffile 2023.2.3) and ImageMagick's `convert`:
    /usr/bin/python3 make_axes_tiffs.py
The pixels come from ../testdata/g_u8_61x77.tif (a real image crop), so that a model gives varied labels.
"""
import subprocess

import numpy as np
import tifffile

src = tifffile.imread('../testdata/g_u8_61x77.tif').astype(np.uint8)
H, W = 40, 48
# Z = 3, T = 2 planes: shifted crops, so every plane differs
tzyx = np.stack([np.stack([src[3 * z + 5 * t:3 * z + 5 * t + H, 4 * z + 7 * t:4 * z + 7 * t + W]
                           for z in range(3)]) for t in range(2)])
ztyx = np.ascontiguousarray(tzyx.transpose(1, 0, 2, 3))
tifffile.imwrite('ome_ztyx.tif', ztyx, ome=True, metadata={'axes': 'ZTYX'}, compression='zlib')
tifffile.imwrite('ome_tzyx.tif', tzyx, ome=True, metadata={'axes': 'TZYX'}, compression='zlib')
noise = np.random.default_rng(3).integers(0, 255, ztyx.shape, dtype=np.uint8)
cztyx = np.stack([ztyx, noise])
tifffile.imwrite('ome_cztyx.tif', cztyx, ome=True, metadata={'axes': 'CZTYX'}, compression='zlib')
# tifffile's default: no axes, ImageDescription {"shape": [2, 3, 40, 48]} (minisblack is the default of newer
# tifffile; 2023.2.3 would otherwise store a size-3 axis before YX as planar RGB)
tifffile.imwrite('shape_only_4d.tif', tzyx, photometric='minisblack')
# the same array stored as 2 pages of 3 planar grey samples: still the 4-D array for tifffile.imread
tifffile.imwrite('shape_only_4d_planar.tif', tzyx, photometric='minisblack', planarconfig='separate')
np.save('tzyx_40x48.npy', tzyx)

# RGB and RGBA without any axes metadata
rgb = np.stack([src[:H, :W], src[5:5 + H, 3:3 + W], 255 - src[:H, :W]], axis=-1)
tifffile.imwrite('rgb_nometa.tif', rgb, photometric='rgb', metadata=None)
rgba = np.concatenate([rgb, np.full((H, W, 1), 255, np.uint8)], axis=-1)
tifffile.imwrite('rgba_nometa.tif', rgba, photometric='rgb', extrasamples=['unassalpha'], metadata=None)
subprocess.run(['convert', 'rgb_nometa.tif', '-compress', 'LZW', 'rgb_imagemagick.tif'], check=True)

# refused: 64-bit integer samples
tifffile.imwrite('bad_int64.tif', np.arange(12, dtype=np.int64).reshape(3, 4))
