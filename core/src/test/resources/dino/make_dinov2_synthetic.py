"""Reference output for Dinov2FeaturesTest (org.convpaint.features.dino), no fixtures needed.

DINOv2 ViT-S/14-reg (dinov2 commit b8931f7, hub entry dinov2_vits14_reg: embed 384, 12 blocks, 6 heads, MLP 1536
with exact GELU, LayerNorm eps 1e-6, LayerScale, 4 registers, 37x37 learned position grid resized with
anti-aliased bicubic) written out functionally, with deterministic weights and input that the Java test
regenerates bit for bit from the same integer formula (no 88 MB weights file in the repository):

    u(k, i) = ((i * 2654435761 + (k + 1) * 2654404609) mod 2^32) / 2^32 - 0.5      (exact in float64)
    value   = float32(center + scale * u)                                            (float64, then rounded)

k = index of the tensor in the state-dict order below (the input image is k = 1000), i = flat C-order index.
The network is evaluated in float64 (from the float32 weights and input) and the tokens rounded to float32, so
the file is the rounding-free truth; the torch float32 evaluation (what napari-convpaint computes) is printed for
the test's tolerance.

    /usr/bin/python3 make_dinov2_synthetic.py      # Debian python3-torch 1.13.1, numpy 1.24
"""
import numpy as np
import torch
import torch.nn.functional as F

E, DEPTH, HEADS, HD, MLP, PATCH, GRID, REG = 384, 12, 6, 64, 1536, 14, 37, 4


def spec():
    s = [("cls_token", (1, 1, E), 0.0, 1.0), ("pos_embed", (1, 1 + GRID * GRID, E), 0.0, 0.2),
         ("register_tokens", (1, REG, E), 0.0, 1.0), ("patch_embed.proj.weight", (E, 3, PATCH, PATCH), 0.0, 0.2),
         ("patch_embed.proj.bias", (E,), 0.0, 0.1)]
    for b in range(DEPTH):
        p = f"blocks.{b}."
        s += [(p + "norm1.weight", (E,), 1.0, 0.4), (p + "norm1.bias", (E,), 0.0, 0.1),
              (p + "attn.qkv.weight", (3 * E, E), 0.0, 0.2), (p + "attn.qkv.bias", (3 * E,), 0.0, 0.1),
              (p + "attn.proj.weight", (E, E), 0.0, 0.2), (p + "attn.proj.bias", (E,), 0.0, 0.1),
              (p + "ls1.gamma", (E,), 1.0, 0.4), (p + "norm2.weight", (E,), 1.0, 0.4),
              (p + "norm2.bias", (E,), 0.0, 0.1), (p + "mlp.fc1.weight", (MLP, E), 0.0, 0.2),
              (p + "mlp.fc1.bias", (MLP,), 0.0, 0.1), (p + "mlp.fc2.weight", (E, MLP), 0.0, 0.1),
              (p + "mlp.fc2.bias", (E,), 0.0, 0.1), (p + "ls2.gamma", (E,), 1.0, 0.4)]
    s += [("norm.weight", (E,), 1.0, 0.4), ("norm.bias", (E,), 0.0, 0.1)]
    return s


def values(k, shape, center, scale):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.uint64)
    v = (i * np.uint64(2654435761) + np.uint64((k + 1) * 2654404609)) & np.uint64(0xFFFFFFFF)
    u = v.astype(np.float64) / 4294967296.0 - 0.5
    return (center + scale * u).astype(np.float32).reshape(shape)


def forward(sd, x, dtype):
    p = {k: torch.from_numpy(v).to(dtype) for k, v in sd.items()}
    x = torch.from_numpy(x).to(dtype)
    B, _, H, W = x.shape
    h, w = H // PATCH, W // PATCH
    t = F.conv2d(x, p["patch_embed.proj.weight"], p["patch_embed.proj.bias"], stride=PATCH).flatten(2).transpose(1, 2)
    t = torch.cat([p["cls_token"].expand(B, -1, -1), t], 1)
    pos = torch.from_numpy(sd["pos_embed"])  # interpolated in float32, as dinov2 does (pos_embed.float())
    if (h, w) != (GRID, GRID):
        pp = F.interpolate(pos[:, 1:].reshape(1, GRID, GRID, E).permute(0, 3, 1, 2), size=(h, w), mode="bicubic",
                           antialias=True).permute(0, 2, 3, 1).reshape(1, -1, E)
        pos = torch.cat([pos[:, :1], pp], 1)
    t = t + pos.to(dtype)
    t = torch.cat([t[:, :1], p["register_tokens"].expand(B, -1, -1), t[:, 1:]], 1)
    for b in range(DEPTH):
        q_ = f"blocks.{b}."
        y = F.layer_norm(t, (E,), p[q_ + "norm1.weight"], p[q_ + "norm1.bias"], 1e-6)
        N = y.shape[1]
        qkv = F.linear(y, p[q_ + "attn.qkv.weight"], p[q_ + "attn.qkv.bias"]).reshape(B, N, 3, HEADS, HD)
        q, k, v = [z.transpose(1, 2) for z in torch.unbind(qkv, 2)]
        a = torch.softmax((q * HD ** -0.5) @ k.transpose(-2, -1), dim=-1) @ v
        a = F.linear(a.transpose(1, 2).reshape(B, N, E), p[q_ + "attn.proj.weight"], p[q_ + "attn.proj.bias"])
        t = t + a * p[q_ + "ls1.gamma"]
        y = F.layer_norm(t, (E,), p[q_ + "norm2.weight"], p[q_ + "norm2.bias"], 1e-6)
        y = F.linear(F.gelu(F.linear(y, p[q_ + "mlp.fc1.weight"], p[q_ + "mlp.fc1.bias"])),
                     p[q_ + "mlp.fc2.weight"], p[q_ + "mlp.fc2.bias"])
        t = t + y * p[q_ + "ls2.gamma"]
    t = F.layer_norm(t, (E,), p["norm.weight"], p["norm.bias"], 1e-6)
    return t[:, 1 + REG:].permute(2, 0, 1).reshape(E, B, h, w)  # [384, Z, h, w]


sd = {name: values(k, shape, c, s) for k, (name, shape, c, s) in enumerate(spec())}
# input [C=3, Z=2, 28, 42] as the extractor gets it; the network takes [Z, 3, H, W]
img = values(1000, (3, 2, 28, 42), 0.0, 4.0)
x = np.ascontiguousarray(img.transpose(1, 0, 2, 3))
f64 = forward(sd, x, torch.float64).numpy()
f32 = forward(sd, x, torch.float32).numpy()
np.save("dinov2_synthetic_features.npy", f64.astype(np.float32))
print("torch", torch.__version__, "features", f64.shape, "range", f64.min(), f64.max(), "std", f64.std())
print("float32 torch vs float64: max", np.abs(f32 - f64).max(), "mean", np.abs(f32 - f64).mean())
one = forward(sd, np.ascontiguousarray(x[1:2]), torch.float64).numpy()
print("plane 1 alone vs in batch (float64): max", np.abs(one[:, 0] - f64[:, 1]).max())
