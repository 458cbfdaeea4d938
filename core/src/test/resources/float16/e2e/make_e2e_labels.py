"""Labels of the REAL napari-convpaint (commit b1e1ddd, unmodified, imported via /work/shared/bench/cp_harness.py)
for small float16 TIFFs. Usage (outside the repository checkout is fine): /usr/bin/python3 make_e2e_labels.py OUTDIR
Needs $CP_SCRATCH/convpaint/src (default /tmp/convpaint_ref) and the fixtures at /work/shared/fixtures."""
import sys, os
sys.path.insert(0, '/work/shared/bench')
import numpy as np, tifffile
import cp_harness; cp_harness.setup()
import torch; torch.set_num_threads(1)
from napari_convpaint.convpaint_model import ConvpaintModel
M = '/work/shared/fixtures/models/'
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
g = tifffile.imread('/work/shared/fixtures/images/g_u8_301x257.tif')
v = tifffile.imread('/work/shared/fixtures/images/zyx_u16_12x96x96.tif')
images = {
    # coins crop scaled to [0, 1]: float16 sums stay finite
    'f16_yx_96x80': (g[100:196, 60:140].astype(np.float64) / 255.0).astype(np.float16),
    # the same crop with its 0..255 values: x.std()'s float16 sums overflow, std = inf, normalised image all 0
    'f16_yx_96x80_raw255': g[100:196, 60:140].astype(np.float16),
    # blob volume crop scaled to [0, 1]
    'f16_zyx_3x48x40': (v[4:7, 10:58, 20:60].astype(np.float64) / max(1, v.max())).astype(np.float16),
}
for name, a in images.items():
    kw = {'photometric': 'minisblack', 'metadata': {'axes': 'ZYX'}} if a.ndim == 3 else {}
    tifffile.imwrite(os.path.join(out, name + '.tif'), a, **kw)
cases = [('f16_yx_96x80', 'm01_gauss_gray3', 1), ('f16_yx_96x80_raw255', 'm01_gauss_gray3', 1),
         ('f16_yx_96x80', 'm07_gauss_3d_norm3', 2), ('f16_zyx_3x48x40', 'm07_gauss_3d_norm3', 1),
         ('f16_zyx_3x48x40', 'm01_gauss_gray3', 2),
         # normalize 1: the float16 image itself, block-mean pyramid (scalings 1, 2, 4) in float16
         ('f16_yx_96x80_raw255', 'm03_gauss_ms_o1_norm1', 1), ('f16_zyx_3x48x40', 'm03_gauss_ms_o1_norm1', 2)]
for name, model, ds in cases:
    img = tifffile.imread(os.path.join(out, name + '.tif'))
    assert img.dtype == np.float16
    m = ConvpaintModel(model_path=M + model + '.pkl')
    m.set_params(image_downsample=ds, ignore_warnings=True)
    seg = m.segment(img)
    print(name, model, ds, seg.dtype, seg.shape, np.unique(seg, return_counts=True))
    np.save(os.path.join(out, '%s__%s__ds%d.labels.npy' % (name, model[:3], ds)), seg)
