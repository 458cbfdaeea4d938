#!/usr/bin/env bash
# The Spark job against the one-machine CLI on the same 8000x8000 uint16 OME-Zarr store (build first:
# mvn -B -DskipTests package): `convpaint predict` (all cores), then ./convpaint-spark with local[1] and local[2]
# (blocks of 512 px), Gaussian m01 and VGG16 m02 at ds2, instance labels; wall time, peak RSS, labels compared.
# Usage: bench/spark.sh [FIXTURES_DIR] [SIZE]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fx="${1:-$here/../shared/fixtures}"
size="${2:-8000}"
jar="$here/cli/target/convpaint.jar"
bench="$here/bench/target/benchmarks.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
. "$here/bench/timed.sh"

spark() {
  local label=$1
  shift
  if /usr/bin/time -f "%e %M" -o "$work/time" "$here/convpaint-spark" "$@" 2> "$work/spark.log"; then
    read -r wall rss < "$work/time"
    printf '%-48s %8.2f s %8.0f MB\n' "$label" "$wall" "$((rss / 1024))"
  else
    printf '%-48s failed:\n' "$label"
    tail -5 "$work/spark.log"
  fi
}

java -cp "$bench" org.convpaint.bench.SyntheticImage "$work/big.ome.zarr" YX "$size" "$size"
for model in gauss vgg; do
  if [ "$model" = gauss ]; then
    args=(-m "$fx/models/m01_gauss_gray3.pkl")
  else
    args=(-m "$fx/models/m02_vgg16_gray3.pkl" --weights "$fx/models/m02_vgg16_gray3_vgg16_features.pth")
  fi
  echo "== ${size}x${size} OME-Zarr, $model ds2, instance labels"
  timed "convpaint predict (-Xmx4g)" "-Xmx4g" "${args[@]}" --output-type instance -o "$work/cli" \
      "$work/big.ome.zarr"
  for n in 1 2; do
    CONVPAINT_SPARK_JAVA_OPTS=-Xmx4g spark "convpaint-spark local[$n] (-Xmx4g, block 512)" "$work/big.ome.zarr" \
        "${args[@]}" --output-type instance --master "local[$n]" --block 512 -o "$work/spark$n.ome.zarr"
  done
  java -cp "$bench" org.convpaint.bench.CompareLabels "$work/cli/big_convpaint_labels.ome.zarr" \
      "$work/spark1.ome.zarr"
  java -cp "$bench" org.convpaint.bench.CompareLabels "$work/cli/big_convpaint_labels.ome.zarr" \
      "$work/spark2.ome.zarr"
  rm -rf "$work/cli" "$work"/spark*.ome.zarr
done
