#!/usr/bin/python3
"""Writes the expected float16 values of the tests in org.convpaint.numpy / pipeline / features (see README.md).

Run once with Debian's Python 3.11, numpy 1.24.2, scikit-image 0.19.3: ``/usr/bin/python3 make_float16_expected.py``
from this folder. Every expected value is computed by numpy / scikit-image itself on float16 arrays, never by the
Java code under test. Arrays are stored as float32 .npy (every half is exactly a float32). The two large z-score
cases store no pixels: their input is levels[(i * 7919 + 13) % len(levels)] over the flat C-order index i of the
[C,Z,H,W] array, and the expected output is a table [group, level] (a z-score depends only on the value and its
group: the channel for normalize 2, the channel and plane for normalize 3).
"""
import gzip
import os

import numpy as np
from skimage.measure import block_reduce

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261202)


def save(name, arr):
    np.save(os.path.join(HERE, name), np.asarray(arr, dtype="<f4"))


def half_tables():
    # 1. all 65536 bit patterns, as numpy converts them (float32 is exact for every half), little-endian, gzip
    v = np.arange(65536, dtype=np.uint16).view(np.float16).astype("<f4")
    with gzip.GzipFile(os.path.join(HERE, "half_values.f4.gz"), "wb", mtime=0) as f:
        f.write(v.tobytes())
    # 2. rounding doubles to half (npy_double_to_half): ties between neighbours, overflow edge, subnormals
    h = np.arange(0, 0x7c00, dtype=np.uint16).view(np.float16).astype(np.float64)
    mid = (h[:-1] + h[1:]) / 2
    pick = rng.choice(len(mid), 400, replace=False)
    xs = [mid[pick], np.nextafter(mid[pick], 0), np.nextafter(mid[pick], np.inf),
          rng.standard_normal(300) * 10.0 ** rng.integers(-9, 5, 300),
          [65504.0, 65519.99, 65520.0, 65536.0, 1e300, 2.0 ** -25, 2.0 ** -25 * 1.0000001, 2.0 ** -26, 1e-300,
           2.0 ** -24 * 1.5, 2.0 ** -24 * 2.5, 2.0 ** -14 - 2.0 ** -25, 1e-6, 0.1, 1 / 3]]
    x = np.concatenate([np.ravel(a) for a in xs])
    x = np.concatenate([x, -x])
    np.save(os.path.join(HERE, "half_rounding.npy"), np.stack([x, x.astype(np.float16).astype(np.float64)], axis=1))


def normalized(img, normalize):
    """convpaint's compute_image_stats + normalize_image on the [C,Z,H,W] float16 array img."""
    ignore = 1 if normalize == 2 else 2
    axes = tuple(range(ignore, img.ndim))
    mean = img.mean(axis=axes, keepdims=True)
    std = img.std(axis=axes, keepdims=True)
    out = (img - mean) / np.maximum(std, 1e-6)
    assert out.dtype == np.float16, out.dtype
    return out


def zscore(name, img, normalize):
    img = np.asarray(img, dtype=np.float16)
    save("zscore_%s_in.npy" % name, img)
    save("zscore_%s_out.npy" % name, normalized(img, normalize))


def zscore_levels(name, levels, shape, normalize):
    levels = np.asarray(levels, dtype=np.float16)
    idx = (np.arange(np.prod(shape)) * 7919 + 13) % len(levels)
    img = levels[idx].reshape(shape)
    out = normalized(img, normalize)
    groups = shape[0] if normalize == 2 else shape[0] * shape[1]
    flat_idx, flat_out = idx.reshape(groups, -1), out.reshape(groups, -1)
    table = np.full((groups, len(levels)), np.nan, dtype=np.float16)
    for g in range(groups):
        table[g, flat_idx[g]] = flat_out[g]
        assert np.array_equal(table[g, flat_idx[g]].view(np.uint16), flat_out[g].view(np.uint16))
    save("zscore_%s_levels.npy" % name, levels)
    save("zscore_%s_table.npy" % name, table)


def zscore_cases():
    u = rng.uniform
    zscore("n2_small", rng.normal(0.3, 0.2, (1, 1, 9, 11)), 2)                 # 99 < 128 elements
    zscore("n2_mid", u(0, 1, (1, 1, 60, 90)), 2)                               # 5400 < 8192
    zscore("n2_big", u(0, 6, (1, 3, 50, 70)), 2)                               # 10500 > 8192 over Z,H,W
    zscore("n2_two_channels", u(0, 2, (2, 2, 30, 40)) + [[[[0]]], [[[3]]]], 2)
    zscore_levels("n3_planes", u(0, 5, 997), (1, 3, 100, 100), 3)              # 10000 > 8192 per plane
    zscore("n3_two_channels", u(-1, 2, (2, 2, 30, 40)), 3)
    zscore_levels("n2_over_65535", u(0, 0.5, 997), (1, 1, 300, 250), 2)       # rcount 75000: float64 division
    zscore("n2_sum_overflows", np.round(u(0, 255, (1, 1, 96, 80))), 2)        # float16 sum -> inf, std inf
    zscore("n2_squares_overflow", rng.normal(0, 400, (1, 1, 10, 20)), 2)      # (x-mean)^2 > 65504 -> inf
    nan = u(0, 1, (1, 2, 20, 30))
    nan[0, 1, 5, 7] = np.nan
    zscore("n3_nan", nan, 3)
    zscore("n2_nan", nan, 2)
    zscore("n2_constant", np.full((1, 1, 20, 20), 7.5), 2)                     # std 0 -> floored at half(1e-6)
    zscore("n2_subnormal_floor", rng.integers(0, 41, (1, 1, 30, 40)) * 2.0 ** -24, 2)  # squares underflow to 0


def block_mean(name, img, k):
    img = np.asarray(img, dtype=np.float16)
    h, w = img.shape[-2:]
    ph, pw = (k - h % k) % k, (k - w % k) % k
    padded = np.pad(img, ((0, 0), (0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)), mode="reflect")
    out = block_reduce(padded, (1, 1, k, k), func=np.mean)
    assert out.dtype == np.float16, out.dtype
    save("blockmean_%s_in.npy" % name, img)
    save("blockmean_%s_out.npy" % name, out)


def block_mean_cases():
    wide = rng.standard_normal((1, 2, 24, 30)) * np.exp(rng.standard_normal((1, 2, 24, 30)) * 3)
    block_mean("k2", wide, 2)
    block_mean("k3_padded", rng.standard_normal((1, 1, 25, 31)) * 1000, 3)
    block_mean("k4_large", rng.uniform(20000, 65504, (1, 1, 16, 20)), 4)      # float32 sums beyond 65504


if __name__ == "__main__":
    half_tables()
    zscore_cases()
    block_mean_cases()
