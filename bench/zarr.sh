#!/usr/bin/env bash
# OME-Zarr against TIFF (build first: mvn -B -DskipTests package):
#  1. read and write throughput of both formats on the same synthetic 10000x10000 uint16 image (FormatThroughput);
#  2. `convpaint predict` (Gaussian m01, ds2, -Xmx4g) on that image as TIFF and as OME-Zarr: wall time, peak RSS,
#     and the labels of both runs compared;
#  3. a 6000x6000 OME-Zarr store with VGG16 (m02) ds2 in a 300 MB heap;
#  4. with --huge: a 20000x20000 OME-Zarr store with VGG16 ds2 in a 500 MB heap (long).
# Usage: bench/zarr.sh [FIXTURES_DIR] [--huge]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fx="${1:-$here/../shared/fixtures}"
huge="${2:-}"
jar="$here/cli/target/convpaint.jar"
bench="$here/bench/target/benchmarks.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gauss=(-m "$fx/models/m01_gauss_gray3.pkl")
vgg=(-m "$fx/models/m02_vgg16_gray3.pkl" --weights "$fx/models/m02_vgg16_gray3_vgg16_features.pth")

. "$here/bench/timed.sh"

echo "== 1. read/write throughput, 10000x10000 uint16 (TIFF: deflate strips; Zarr: blosc-zstd 1024² chunks)"
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/big.tif" YX 10000 10000
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/big.ome.zarr" YX 10000 10000
java -Xmx3g -cp "$bench" org.convpaint.bench.FormatThroughput "$work/big.tif" "$work/big.ome.zarr" "$work"
rm -rf "$work"/labels.*

echo "== 2. predict 10000x10000, Gaussian m01 ds2, -Xmx4g"
timed "TIFF in, TIFF out" "-Xmx4g" "${gauss[@]}" -o "$work/t" "$work/big.tif"
timed "Zarr in, Zarr out" "-Xmx4g" "${gauss[@]}" -o "$work/z" "$work/big.ome.zarr"
timed "Zarr in, TIFF out" "-Xmx4g" "${gauss[@]}" --format tiff -o "$work/zt" "$work/big.ome.zarr"
java -cp "$bench" org.convpaint.bench.CompareLabels "$work/t/big_convpaint_labels.tif" \
    "$work/zt/big_convpaint_labels.tif"
rm -rf "$work"/big.* "$work"/t "$work"/z "$work"/zt

echo "== 3. 6000x6000 OME-Zarr, VGG16 m02 ds2, -Xmx300m"
java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/mid.ome.zarr" YX 6000 6000
timed "6000x6000 Zarr ds2 -Xmx300m" "-Xmx300m" "${vgg[@]}" --downsample 2 --scratch "$work" -o "$work/m" \
    "$work/mid.ome.zarr"
rm -rf "$work"/mid.* "$work"/m

if [ "$huge" = "--huge" ]; then
  echo "== 4. 20000x20000 OME-Zarr, VGG16 m02 ds2, -Xmx500m"
  java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/huge.ome.zarr" YX 20000 20000
  timed "20000x20000 Zarr ds2 -Xmx500m" "-Xmx500m" "${vgg[@]}" --downsample 2 --scratch "$work" -o "$work/h" \
      "$work/huge.ome.zarr"
fi
