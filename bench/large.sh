#!/usr/bin/env bash
# Scale checks of `convpaint predict` with the VGG16 fixture model (build first: mvn -B -DskipTests package):
#  1. a synthetic 10000x10000 uint16 image with -Xmx4g (wall time, peak RSS), again with -Xmx1g (same labels)
#     and as instance labels with -Xmx600m; at downsample 2 with -Xmx4g and -Xmx400m (pixels, grid
#     probabilities and labels then stay on disk; same labels), also as instance labels (same as with -Xmx4g);
#     a 20000x20000 image at downsample 2 with the same -Xmx400m (peak memory does not grow with the image);
#  2. tiled == untiled on a 1536x1536 crop of that image (same synthetic pixels);
#  3. a 20-timepoint TZYX movie (20x4x512x512): seconds per timepoint, model loaded once;
#  4. thread scaling 1 -> 2 threads on the 2048x2048 fixture image.
# Usage: bench/large.sh [FIXTURES_DIR] [DOWNSAMPLE]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fx="${1:-$here/../shared/fixtures}"
ds="${2:-1}"
jar="$here/cli/target/convpaint.jar"
bench="$here/bench/target/benchmarks.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
model=(-m "$fx/models/m02_vgg16_gray3.pkl" --weights "$fx/models/m02_vgg16_gray3_vgg16_features.pth")

. "$here/bench/timed.sh"

echo "== 1. 10000² uint16, VGG16 (m02): ds$ds -Xmx4g, -Xmx1g, instance -Xmx600m; ds2 -Xmx4g, -Xmx400m; 20000² -Xmx400m"
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/big.tif" YX 10000 10000
timed "10000x10000 ds$ds -Xmx4g" "-Xmx4g" "${model[@]}" --downsample "$ds" -o "$work/big-out" "$work/big.tif"
timed "10000x10000 ds$ds -Xmx1g" "-Xmx1g" "${model[@]}" --downsample "$ds" -o "$work/big-1g" "$work/big.tif"
if [ -f "$work/big-1g/big_convpaint_labels.tif" ]; then
  java -cp "$bench" org.convpaint.bench.CompareLabels "$work/big-out/big_convpaint_labels.tif" \
      "$work/big-1g/big_convpaint_labels.tif"
fi
timed "10000x10000 ds$ds instance -Xmx600m" "-Xmx600m" "${model[@]}" --downsample "$ds" --output-type instance \
    -o "$work/big-instance" "$work/big.tif"
timed "10000x10000 ds2 -Xmx4g" "-Xmx4g" "${model[@]}" --downsample 2 -o "$work/big-ds2" "$work/big.tif"
timed "10000x10000 ds2 -Xmx400m (on disk)" "-Xmx400m" "${model[@]}" --downsample 2 \
    --scratch "$work" -o "$work/big-ds2-400m" "$work/big.tif"
if [ -f "$work/big-ds2-400m/big_convpaint_labels.tif" ]; then
  java -cp "$bench" org.convpaint.bench.CompareLabels "$work/big-ds2/big_convpaint_labels.tif" \
      "$work/big-ds2-400m/big_convpaint_labels.tif"
fi
timed "10000x10000 ds2 instance -Xmx4g" "-Xmx4g" "${model[@]}" --downsample 2 --output-type instance \
    -o "$work/big-ds2-instance" "$work/big.tif"
timed "10000x10000 ds2 instance -Xmx400m (on disk)" "-Xmx400m" "${model[@]}" --downsample 2 \
    --output-type instance --scratch "$work" -o "$work/big-ds2-instance-400m" "$work/big.tif"
if [ -f "$work/big-ds2-instance-400m/big_convpaint_labels.tif" ]; then
  java -cp "$bench" org.convpaint.bench.CompareLabels "$work/big-ds2-instance/big_convpaint_labels.tif" \
      "$work/big-ds2-instance-400m/big_convpaint_labels.tif"
fi
rm -rf "$work"/big-*
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/huge.tif" YX 20000 20000
timed "20000x20000 ds2 -Xmx400m (on disk)" "-Xmx400m" "${model[@]}" --downsample 2 \
    --scratch "$work" -o "$work/huge-ds2-400m" "$work/huge.tif"
rm -rf "$work"/huge*

echo "== 2. tiled vs untiled on a 1536 x 1536 crop (rows 4000.., columns 6000..)"
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/crop.tif" YX 1536 1536 --offset 4000 6000
timed "crop, 256-px tiles" "" "${model[@]}" --downsample "$ds" --tile 256 -o "$work/tiled" "$work/crop.tif"
timed "crop, one tile" "-Xmx12g" "${model[@]}" --downsample "$ds" --tile 100000 -o "$work/untiled" "$work/crop.tif"
java -cp "$bench" org.convpaint.bench.CompareLabels "$work/tiled/crop_convpaint_labels.tif" \
    "$work/untiled/crop_convpaint_labels.tif"

echo "== 3. TZYX movie 20 x 4 x 512 x 512, seconds per timepoint"
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/movie.tif" TZYX 20 4 512 512
timed "movie, 20 timepoints" "" "${model[@]}" --downsample "$ds" --report "$work/movie.json" -o "$work/movie-out" \
    "$work/movie.tif"
python3 - "$work/movie.json" <<'EOF' || grep -A 22 timepointSeconds "$work/movie.json"
import json, sys
t = json.load(open(sys.argv[1]))["files"][0]["timepointSeconds"]
print("per timepoint:", " ".join("%.2f" % s for s in t))
rest = sorted(t[1:])
print("first %.2f s; others min %.2f / median %.2f / max %.2f s" % (t[0], rest[0], rest[len(rest) // 2], rest[-1]))
EOF

echo "== 4. thread scaling on big_u16_2048x2048 (fixtures)"
for threads in 1 2; do
  timed "VGG16 ds$ds, --threads $threads" "" "${model[@]}" --downsample "$ds" --threads "$threads" \
      -o "$work/t$threads" --overwrite "$fx/images/big_u16_2048x2048.tif"
  timed "Gaussian ds$ds, --threads $threads" "" -m "$fx/models/m01_gauss_gray3.pkl" --downsample "$ds" \
      --threads "$threads" -o "$work/g$threads" --overwrite "$fx/images/big_u16_2048x2048.tif"
done
