"""Reference output for Dinov3FeaturesTest (org.convpaint.features.dino): timm's own network on the fixture weights.

timm's vit_small_plus_patch16_dinov3 (the Eva class of timm 1.0.29.dev0, run from a scratch extraction of the public
huggingface/pytorch-image-models sources named by $TIMM_SRC; never copied into this repository) loads the fixtures'
models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors (strict), then forward_features runs on a
deterministic 2-plane input [2, 3, 48, 64] (token grid 3 x 4, non-square) that the Java test regenerates bit for bit:

    value(i) = float32(4 * (((i * 2654435761 + 1001 * 2654404609) mod 2^32) / 2^32 - 0.5)),  i = flat C-order index

The 5 prefix tokens are dropped and the tokens written as [384, 2, 3, 4] float32 (convpaint's layout). The network
is evaluated in float64 (model.double()) and rounded once, so the file is the rounding-free truth; the float32
evaluation (what napari-convpaint computes; torch 1.13 has no fused attention, so timm uses the textbook form) is
printed for the test's tolerance.

    TIMM_SRC=/tmp/timm-src FIXTURES=../../../../../shared/fixtures /usr/bin/python3 make_dinov3_reference.py
"""
import json, os, struct, sys

import numpy as np
import torch

sys.path.insert(0, os.environ["TIMM_SRC"])
import timm  # noqa: E402

fixtures = os.environ.get("FIXTURES", "../../../../../shared/fixtures")
path = os.path.join(fixtures, "models", "vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors")
raw = open(path, "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
state = {}
for k, v in header.items():
    if k == "__metadata__":
        continue
    assert v["dtype"] == "F32"
    b, e = v["data_offsets"]
    state[k] = torch.from_numpy(np.frombuffer(raw[8 + n + b:8 + n + e], dtype="<f4").reshape(v["shape"]).copy())

model = timm.create_model("vit_small_plus_patch16_dinov3", pretrained=False, num_classes=0)
model.load_state_dict(state, strict=True)
model.eval()

i = np.arange(2 * 3 * 48 * 64, dtype=np.int64)
u = ((i * 2654435761 + 1001 * 2654404609) % 2 ** 32) / 2 ** 32 - 0.5
x = (4.0 * u).astype(np.float32).reshape(2, 3, 48, 64)


def tokens(m, inp):
    with torch.no_grad():
        f = m.forward_features(inp)[:, m.num_prefix_tokens:, :]  # [Z, N, 384]
    return f.permute(2, 0, 1).reshape(384, 2, 3, 4)


f32 = tokens(model, torch.from_numpy(x)).numpy()
f64 = tokens(model.double(), torch.from_numpy(x).double()).numpy()
truth = f64.astype(np.float32)
np.save("dinov3_fixture_features.npy", truth)
d = np.abs(f32.astype(np.float64) - f64)
print("torch float32 vs float64: max %.3g mean %.3g, |features| max %.3g" % (d.max(), d.mean(), np.abs(f64).max()))
