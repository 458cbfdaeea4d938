"""Reference vectors for AntialiasedBicubicTest (org.convpaint.features.dino).

Generated with Debian's python3-torch 1.13.1+dfsg (torch.__version__ says 1.13.0a0) on x86-64, ATen CPU
capability AVX2 or AVX512 (both give the same values; the non-vectorised 'default' kernel rounds differently):

    /usr/bin/python3 make_aa_bicubic_vectors.py

Writes aa_in_<name>.npy (float32 [C, H, W]) and aa_out_<name>_<h>x<w>.npy (float32 [C, h, w]) =
F.interpolate(in[None], size=(h, w), mode='bicubic', antialias=True, align_corners=False)[0].
The 37x37 grid is DINOv2's position-embedding grid; the sizes cover down-sampling (token grids of small
images), up-sampling (74x74 is the 2048^2 image at downsample 2), one axis only, and a non-square input.
"""
import numpy as np
import torch
import torch.nn.functional as F

CASES = {
    "grid37": ((2, 37, 37), [(5, 6), (4, 4), (22, 19), (37, 20), (45, 52), (74, 74), (1, 3)]),
    "grid9x13": ((2, 9, 13), [(20, 5)]),
}

rng = np.random.default_rng(20240607)
for name, (shape, sizes) in CASES.items():
    x = (rng.standard_normal(shape) * 0.05).astype(np.float32)
    np.save(f"aa_in_{name}.npy", x)
    for h, w in sizes:
        y = F.interpolate(torch.from_numpy(x)[None], size=(h, w), mode="bicubic", antialias=True,
                          align_corners=False)[0].numpy()
        np.save(f"aa_out_{name}_{h}x{w}.npy", y.astype(np.float32))
print("torch", torch.__version__)
