"""Checks a label store written by `convpaint predict --format zarr` with Python's zarr and tifffile.

usage: check_ngff_labels.py LABELS.ome.zarr LABELS.tif PROBABILITIES.ome.zarr
Prints OK, or raises with what differs. Reads only with zarr 2.x and tifffile (Debian's python3-zarr,
python3-tifffile); nothing of convpaint's is imported.
"""
import sys

import numpy as np
import tifffile
import zarr

store, tif, probs = sys.argv[1:4]
group = zarr.open_group(store, mode="r")
attrs = group.attrs.asdict()
ms = attrs["multiscales"][0]
assert ms["version"] == "0.4", ms
assert [a["name"] for a in ms["axes"]] == ["y", "x"], ms["axes"]
assert ms["datasets"][0]["path"] == "0", ms["datasets"]
assert attrs["image-label"]["version"] == "0.4", attrs
labels = group["0"]
assert labels.dtype == np.uint32, labels.dtype
expected = tifffile.imread(tif)
assert labels.shape == expected.shape, (labels.shape, expected.shape)
assert np.array_equal(labels[:], expected), "labels differ from the TIFF output"
p = zarr.open_group(probs, mode="r")
pa = p["0"]
assert pa.dtype == np.float32 and pa.shape[1:] == expected.shape, (pa.dtype, pa.shape)
assert [a["name"] for a in p.attrs["multiscales"][0]["axes"]] == ["c", "y", "x"]
s = pa[:].sum(axis=0)
assert np.allclose(s, 1, atol=1e-5), "class probabilities do not sum to 1"
print("OK", labels.shape, labels.chunks, labels.compressor)
