#!/usr/bin/env bash
# End-to-end time and memory of `convpaint predict` on the 2048x2048 fixture image (no Python: ratios against
# napari-convpaint come only from bench/side_by_side.sh, which runs both on the same machine in one run).
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
printf '%-18s %-4s %9s %10s  %s\n' model ds wall_s rss_mb labels
run() { # model ds [weights]
  local model=$1 ds=$2 weights=${3:-}
  local log="$out/time.txt" dir="$out/$model-$ds"
  /usr/bin/time -v java ${CONVPAINT_JAVA_OPTS:-} -jar "$jar" predict -q -m "$fx/models/$model.pkl" \
      ${weights:+--weights "$weights"} --downsample "$ds" --background-label 0 -o "$dir" "${extra[@]}" "$img" \
      2> "$log"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=t[n]; if (n>1) s+=60*t[n-1]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  local same="(no reference)" ref="$fx/cases/${model}__big_u16_2048x2048__ds$ds/raw_classmap.tif"
  if [[ -f $ref ]]; then
    same=$(java -cp "$bench" org.convpaint.bench.CompareLabels "$dir/big_u16_2048x2048_convpaint_labels.tif" \
        "$ref" | sed 's/identical //') || true
  fi
  printf '%-18s %-4s %9.2f %10s  %s\n' "$model" "$ds" "$wall" "$rss" "$same"
}
extra=("$@")
run m01_gauss_gray3 1
run m01_gauss_gray3 2
run m02_vgg16_gray3 1 "$fx/models/m02_vgg16_gray3_vgg16_features.pth"
run m02_vgg16_gray3 2 "$fx/models/m02_vgg16_gray3_vgg16_features.pth"
run m12_dinov2_gray3 2 "$fx/models/dinov2_vits14_reg_random.pth"
run m16_dinov3_gray3 2 "$fx/models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors"
