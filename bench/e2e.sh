#!/usr/bin/env bash
# End-to-end timing of `convpaint predict` on the 2048x2048 fixture cases, next to napari-convpaint's times.
# Usage: bench/e2e.sh [FIXTURES_DIR] [extra predict options...]   (build first: mvn -B -DskipTests package)
# Prints wall time and peak RSS (/usr/bin/time -v) and checks the labels against the reference class maps.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fx="${1:-$here/../shared/fixtures}"
shift || true
jar="$here/cli/target/convpaint.jar"
bench="$here/bench/target/benchmarks.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
img="$fx/images/big_u16_2048x2048.tif"
printf '%-18s %-4s %9s %9s %9s %10s  %s\n' model ds python_s wall_s speedup rss_mb labels
run() { # model ds python_seconds [weights]
  local model=$1 ds=$2 py=$3 weights=${4:-}
  local log="$out/time.txt" dir="$out/$model-$ds"
  /usr/bin/time -v java ${CONVPAINT_JAVA_OPTS:-} -jar "$jar" predict -q -m "$fx/models/$model.pkl" \
      ${weights:+--weights "$weights"} --downsample "$ds" --background-label 0 -o "$dir" "${extra[@]}" "$img" \
      2> "$log"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=t[n]; if (n>1) s+=60*t[n-1]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  local same
  same=$(java -cp "$bench" org.convpaint.bench.CompareLabels "$dir/big_u16_2048x2048_convpaint_labels.tif" \
      "$fx/cases/${model}__big_u16_2048x2048__ds$ds/raw_classmap.tif" | sed 's/identical //') || true
  printf '%-18s %-4s %9.2f %9.2f %8.1fx %10s  %s\n' "$model" "$ds" "$py" "$wall" \
      "$(echo "$py / $wall" | bc -l)" "$rss" "$same"
}
extra=("$@")
run m01_gauss_gray3 1 10.6571
run m01_gauss_gray3 2 3.9617
run m02_vgg16_gray3 1 25.7066 "$fx/models/m02_vgg16_gray3_vgg16_features.pth"
run m02_vgg16_gray3 2 5.9491 "$fx/models/m02_vgg16_gray3_vgg16_features.pth"
run m12_dinov2_gray3 2 17.1542 "$fx/models/dinov2_vits14_reg_random.pth"
