"""Checks Zarr v2 stores written by ZarrArrayWriter with zarr-python 2, for ZarrPythonInteropTest.

Usage: check_java_zarr.py DIR   (DIR/manifest.json lists the stores: name, kind, fill, partial)

Reads each store with zarr.open_array and compares it with the formula of make_python_zarr.py (only the region
PARTIAL written for partial stores, the fill value elsewhere). Prints one line per store (OK or FAIL) and exits
with 1 if any failed.
"""
import json
import os
import sys

import numpy as np
import zarr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_python_zarr import PARTIAL, SHAPE, values  # noqa: E402


def main():
    root = sys.argv[1]
    failed = 0
    with open(os.path.join(root, "manifest.json")) as f:
        manifest = json.load(f)
    for entry in manifest:
        name = entry["name"]
        try:
            z = zarr.open_array(os.path.join(root, name), mode="r")
            expected = values(entry["kind"], int(np.prod(SHAPE))).reshape(SHAPE).astype(z.dtype)
            if entry["partial"]:
                region = tuple(slice(a, b) for a, b in PARTIAL)
                full = np.full(SHAPE, float(entry["fill"]), dtype=z.dtype)
                full[region] = expected[region]
                expected = full
            got = z[...]
            if z.shape != SHAPE or np.dtype(z.dtype).str != entry["dtype"]:
                raise AssertionError("shape %s dtype %s" % (z.shape, z.dtype.str))
            if not np.array_equal(got, expected, equal_nan=True):
                bad = np.argwhere(~((got == expected) | (np.isnan(got) & np.isnan(expected))
                                   if z.dtype.kind == "f" else got == expected))
                raise AssertionError("%d values differ, first at %s" % (len(bad), bad[0].tolist()))
            print("OK %s compressor=%s" % (name, z.compressor))
        except Exception as e:  # one line per store, the test shows them all
            failed += 1
            print("FAIL %s: %s" % (name, e))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
