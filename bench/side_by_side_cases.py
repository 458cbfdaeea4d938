#!/usr/bin/python3
"""Every row of the side-by-side benchmark: the real napari-convpaint against `convpaint predict`, same machine, one run.

usage: /usr/bin/python3 bench/side_by_side_cases.py --jar JAR --fixtures DIR --shared-bench DIR [--runs N]
           [--single-runs N] [--rows ID,...] [--launcher ./convpaint]

Python side: napari-convpaint's ConvpaintModel(model_path).segment(image), torch 2 threads, model loading excluded
(the harness of --shared-bench: cp_harness.py with the VGG16 and DINOv2 random-weight patches, sources in
$CP_SCRATCH). Java side: the whole `./convpaint predict` process with --launcher (the repository's launcher: class-data
sharing archive, made by one uncounted run first, and transparent huge pages where Linux offers them), else the whole
`java -jar JAR predict` process; start-up and model loading included. With --launcher, plain `java -jar` is also timed
and noted.
Each side: best of --runs. Rows of kind
  big     one image; Python: a fresh ConvpaintModel per run, time of segment().
  folder  100 generated 301x257 images; Python: the model loaded once, one warm-up segment() not counted, then the
          SUM of the 100 segment() times; Java: ONE predict process over the folder.
  single  the fixture images/g_u16_301x257.tif, timed like `big` (the whole Java process is the figure that counts).
Labels: the Java label TIFFs against np.squeeze(segment()) as uint32, % of identical pixels over all images.
Prints a markdown table on stdout; progress on stderr.
"""
import argparse, datetime, json, os, platform, subprocess, sys, tempfile, time

import numpy as np
import tifffile

BIG = "images/big_u16_2048x2048.tif"
SMALL_SOURCES = ("images/g_u16_301x257.tif", "images/g_u8_301x257.tif")
VGG_WEIGHTS = "models/m02_vgg16_gray3_vgg16_features.pth"
DINO_WEIGHTS = "models/dinov2_vits14_reg_random.pth"
GAUSS, VGG, DINO = "m01_gauss_gray3", "m02_vgg16_gray3", "m12_dinov2_gray3"
WEIGHTS = {GAUSS: None, VGG: VGG_WEIGHTS, DINO: DINO_WEIGHTS}
N_SMALL = 100

# (row id, model, kind, downsample, description)
ROWS = (
    ("gauss-big-ds1", GAUSS, "big", 1, "Gaussian, 2048² u16, downsample 1"),
    ("gauss-big-ds2", GAUSS, "big", 2, "Gaussian, 2048² u16, downsample 2"),
    ("vgg16-big-ds1", VGG, "big", 1, "VGG16, 2048² u16, downsample 1"),
    ("vgg16-big-ds2", VGG, "big", 2, "VGG16, 2048² u16, downsample 2"),
    ("dinov2-big-ds2", DINO, "big", 2, "DINOv2 ViT-S/14-reg, 2048² u16, downsample 2"),
    ("gauss-folder", GAUSS, "folder", 1, f"Gaussian, {N_SMALL} × 301×257 (Python: sum; Java: one process)"),
    ("vgg16-folder", VGG, "folder", 1, f"VGG16, {N_SMALL} × 301×257 (Python: sum; Java: one process)"),
    ("gauss-single", GAUSS, "single", 1, "Gaussian, one 301×257 u16 (Java: whole process)"),
    ("vgg16-single", VGG, "single", 1, "VGG16, one 301×257 u16 (Java: whole process)"),
)

# Runs inside a fresh /usr/bin/python3: argv[1] = JSON spec {bench, model, downsample, images, mode, runs, out}.
PYTHON_WORKER = r'''
import json, sys, time
spec = json.loads(sys.argv[1])
sys.path.insert(0, spec["bench"])
import cp_harness
cp_harness.setup(); cp_harness.install_vgg_patch(); cp_harness.install_dinov2_patch()
import numpy as np, tifffile, torch
torch.set_num_threads(2)
from napari_convpaint.convpaint_model import ConvpaintModel
images = [tifffile.imread(p) for p in spec["images"]]
def load():
    m = ConvpaintModel(model_path=spec["model"])
    m.set_params(image_downsample=spec["downsample"], tile_annotations=False, ignore_warnings=True)
    return m
best, labels = float("inf"), None
if spec["mode"] == "fresh":
    for _ in range(spec["runs"]):
        m = load(); t = time.perf_counter(); seg = m.segment(images[0]); best = min(best, time.perf_counter() - t)
    labels = [seg]
else:
    m = load(); m.segment(images[0])
    for _ in range(spec["runs"]):
        total, labels = 0.0, []
        for img in images:
            t = time.perf_counter(); labels.append(m.segment(img)); total += time.perf_counter() - t
        best = min(best, total)
np.save(spec["out"], np.stack([np.squeeze(s).astype(np.uint32) for s in labels]))
print(json.dumps({"s": best, "sdpa_fallback": cp_harness.SDPA_FALLBACK_INSTALLED}))
'''


def make_small_images(folder, fixtures, n=N_SMALL):
    """n deterministic 301x257 images: alternately the u16 and u8 fixture, circularly shifted, flipped for every
    other pair, plus Gaussian noise (2 % of the dtype range, generator seeded with the index); sorted file names."""
    sources = [tifffile.imread(os.path.join(fixtures, s)) for s in SMALL_SOURCES]
    paths = []
    for i in range(n):
        base = sources[i % 2]
        rng = np.random.default_rng(i)
        img = np.roll(base, (int(rng.integers(base.shape[0])), int(rng.integers(base.shape[1]))), axis=(0, 1))
        if i % 4 >= 2:
            img = img[:, ::-1]
        top = np.iinfo(base.dtype).max
        noisy = img.astype(np.float64) + rng.normal(0.0, 0.02 * top, img.shape)
        img = np.clip(np.rint(noisy), 0, top).astype(base.dtype)
        paths.append(os.path.join(folder, f"small_{i:03d}.tif"))
        tifffile.imwrite(paths[-1], np.ascontiguousarray(img))
    return paths


def python_side(o, model, downsample, images, mode, out, runs):
    spec = dict(bench=o.shared_bench, model=model, downsample=downsample, images=images, mode=mode,
                runs=runs, out=out)
    p = subprocess.run([sys.executable, "-c", PYTHON_WORKER, json.dumps(spec)], capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError("python side failed: " + p.stderr[-1500:])
    return json.loads(p.stdout.strip().splitlines()[-1])


def java_side(o, model, downsample, weights, target, out_dir, runs, launcher=None):
    """best wall time of `java -Dai.djl.offline=true -jar JAR predict ...`, or of `LAUNCHER predict ...` (the repository's
    ./convpaint script: class-data sharing archive, made beforehand by make_archive, and transparent huge pages)"""
    start = [launcher] if launcher else ["java", "-Dai.djl.offline=true", "-jar", o.jar]
    cmd = start + ["predict", "-q", "-m", model, "--downsample", str(downsample), "--background-label", "0",
                   "--overwrite", "-o", out_dir, target]
    if weights:
        cmd += ["--weights", weights]
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        q = subprocess.run(cmd, capture_output=True, text=True)
        best = min(best, time.perf_counter() - t)
        if q.returncode:
            raise RuntimeError("java side failed: " + q.stderr[-1500:])
    return best


def make_archive(o, work):
    """The launcher's first run of a jar writes its class-data sharing archive: one uncounted VGG16 run on the small
    fixture image, as a user's first run would."""
    single = os.path.join(o.fixtures, SMALL_SOURCES[0])
    java_side(o, os.path.join(o.fixtures, "models", VGG + ".pkl"), 1, os.path.join(o.fixtures, VGG_WEIGHTS), single,
              os.path.join(work, "archive_run"), 1, o.launcher)


def agreement(images, out_dir, reference):
    """% of pixels where the Java label TIFF of images[i] equals reference[i]; None with a note on a shape mismatch"""
    same = total = 0
    for img, ref in zip(images, np.load(reference)):
        stem = os.path.splitext(os.path.basename(img))[0]
        got = np.squeeze(tifffile.imread(os.path.join(out_dir, stem + "_convpaint_labels.tif")))
        if got.shape != ref.shape:
            return None, f"shape {got.shape} vs python {ref.shape} ({stem})"
        same += int((got == ref).sum())
        total += ref.size
    return 100.0 * same / total, ""


def run_row(o, row, work, small):
    rid, model, kind, ds, _ = row
    model_path = os.path.join(o.fixtures, "models", model + ".pkl")
    weights = WEIGHTS[model] and os.path.join(o.fixtures, WEIGHTS[model])
    if kind == "big":
        images, target = [os.path.join(o.fixtures, BIG)], os.path.join(o.fixtures, BIG)
    elif kind == "single":
        single = os.path.join(o.fixtures, SMALL_SOURCES[0])
        images, target = [single], single
    else:
        images, target = small, os.path.dirname(small[0])
    out_dir = os.path.join(work, rid)
    os.makedirs(out_dir, exist_ok=True)
    ref = os.path.join(work, rid + ".npy")
    runs = o.single_runs if kind == "single" else o.runs
    py = python_side(o, model_path, ds, images, "warm" if kind == "folder" else "fresh", ref, runs)
    tj = java_side(o, model_path, ds, weights, target, out_dir, runs, o.launcher)
    same, note = agreement(images, out_dir, ref)
    if o.launcher:
        # the same command as plain `java -jar`, for those who run the jar themselves
        plain = java_side(o, model_path, ds, weights, target, out_dir + "_jar", runs)
        same_plain, note_plain = agreement(images, out_dir + "_jar", ref)
        same = None if same is None or same_plain is None else min(same, same_plain)
        note = "; ".join(x for x in (note, note_plain, f"plain `java -jar`: {plain:.2f} s") if x)
    if py.get("sdpa_fallback") and model == DINO:
        note = (note + "; " if note else "") + "python: torch has no SDPA, cp_harness fallback"
    return py["s"], tj, same, note


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def load_avg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--jar", required=True)
    a.add_argument("--fixtures", required=True)
    a.add_argument("--shared-bench", required=True, help="folder of cp_harness.py")
    a.add_argument("--runs", type=int, default=2)
    a.add_argument("--single-runs", type=int, default=5, help="runs of the one-small-image rows (about 1 s each)")
    a.add_argument("--launcher", help="time the Java side through this ./convpaint launcher script (plain `java -jar` "
                   "in the note column)")
    a.add_argument("--rows", help="comma-separated row ids (default: all): " + ", ".join(r[0] for r in ROWS))
    o = a.parse_args()
    o.jar, o.fixtures, o.shared_bench = (os.path.abspath(p) for p in (o.jar, o.fixtures, o.shared_bench))
    wanted = o.rows.split(",") if o.rows else [r[0] for r in ROWS]
    unknown = set(wanted) - {r[0] for r in ROWS}
    if unknown:
        a.error("unknown rows: " + ", ".join(sorted(unknown)))
    started, load_start, t0 = datetime.datetime.now(), load_avg(), time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="sbs_") as work:
        small_dir = os.path.join(work, "small")
        os.makedirs(small_dir)
        small = make_small_images(small_dir, o.fixtures)
        if o.launcher:
            make_archive(o, work)
        for row in (r for r in ROWS if r[0] in wanted):
            r0 = time.perf_counter()
            try:
                res = run_row(o, row, work, small)
            except Exception as e:  # one failing row must not lose the others
                res = (None, None, None, (str(e).strip().splitlines() or [repr(e)])[-1][:200])
            results.append((row, res))
            print(f"{row[0]}: python {res[0]} s, convpaint {res[1]} s, labels {res[2]} % {res[3]} "
                  f"(row {time.perf_counter() - r0:.0f} s, load {load_avg()})", file=sys.stderr, flush=True)
    fmt = lambda v, spec: "—" if v is None else format(v, spec)
    print(f"CPU: {cpu_model()} ({os.cpu_count()} cores) — {started:%Y-%m-%d %H:%M} — "
          f"load average (1/5/15 min) at start {load_start}, at end {load_avg()}")
    print(f"Python: napari-convpaint segment(), torch {torch_version()} with 2 threads, model loading excluded; "
          f"Java: whole `{'./convpaint' if o.launcher else 'java -jar convpaint.jar'} predict` process. "
          f"Best of {o.runs} runs per side "
          f"({o.single_runs} for the one-small-image rows).\n")
    print("| case | python segment() s | convpaint predict s | ratio python/convpaint | labels identical | note |")
    print("|---|---:|---:|---:|---:|---|")
    for (rid, _, _, _, desc), (tp, tj, same, note) in results:
        ratio = tp / tj if tp and tj else None
        print(f"| {desc} | {fmt(tp, '.2f')} | {fmt(tj, '.2f')} | {fmt(ratio, '.2f')} | "
              f"{fmt(same, '.3f')}{'' if same is None else ' %'} | {note} |")
    print(f"\nwhole benchmark: {time.perf_counter() - t0:.0f} s")


def torch_version():
    p = subprocess.run([sys.executable, "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True)
    return p.stdout.strip() or "?"


if __name__ == "__main__":
    main()
