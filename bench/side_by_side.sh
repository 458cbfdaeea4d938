#!/usr/bin/env bash
# Side-by-side speed of `convpaint predict` against the real napari-convpaint, every row in one run, on this machine.
# Usage: bench/side_by_side.sh [FIXTURES_DIR] [--runs N] [--single-runs N] [--rows ID,...]   (build first: mvn -o -q -B -pl core,cli package -DskipTests)
# Prints a markdown table (CPU, date, load, python/Java times, ratio, % identical labels); rows in bench/side_by_side_cases.py.
# Java = `./convpaint predict ...`, the repository's launcher (class-data sharing archive, made by an uncounted first run;
# transparent huge pages where Linux offers them); plain `java -Dai.djl.offline=true -jar cli/target/convpaint.jar` in the notes.
# Needs Debian's python3-torch python3-torchvision python3-sklearn python3-skimage python3-pandas python3-tifffile and,
# outside the repository in $CP_SCRATCH (default /tmp/convpaint_ref): convpaint/src and tmidas/src (the src/ folders of
# guiwitz/napari-convpaint and MercaderLabAnatomy/napari-tmidas) and dinov2/ (facebookresearch/dinov2, torch.hub code).
# The Python harness is ../shared/bench/cp_harness.py (override: SHARED_BENCH=DIR).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fx="$here/../shared/fixtures"
if [[ $# -gt 0 && $1 != --* ]]; then fx="$1"; shift; fi
jar="$here/cli/target/convpaint.jar"
harness="${SHARED_BENCH:-$here/../shared/bench}"
scratch="${CP_SCRATCH:-$(/usr/bin/python3 -c 'import tempfile; print(tempfile.gettempdir())')/convpaint_ref}"
missing=0
for need in "$jar" "$harness/cp_harness.py" "$scratch/convpaint/src/napari_convpaint" "$scratch/tmidas/src/napari_tmidas" \
    "$scratch/dinov2/hubconf.py" "$fx/images/big_u16_2048x2048.tif"; do
  [[ -e $need ]] || { echo "missing: $need" >&2; missing=1; }
done
/usr/bin/python3 -c 'import torch, torchvision, sklearn, skimage, pandas, tifffile' || missing=1
[[ $missing == 0 ]] || { echo "set-up incomplete (see the header of $0)" >&2; exit 2; }
exec /usr/bin/python3 "$here/bench/side_by_side_cases.py" --jar "$jar" --fixtures "$fx" --shared-bench "$harness" \
    --launcher "$here/convpaint" "$@"
