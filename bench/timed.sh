# Sourced by the bench scripts. timed LABEL JAVA-OPTIONS PREDICT-ARGS...: runs `convpaint predict -q` from "$jar"
# and prints its wall time and peak RSS (scratch: "$work").
timed() {
  local label=$1 opts=$2
  shift 2
  if /usr/bin/time -f "%e %M" -o "$work/time" java $opts -Dai.djl.offline=true -jar "$jar" predict -q "$@"; then
    read -r wall rss < "$work/time"
    printf '%-48s %8.2f s %8.0f MB\n' "$label" "$wall" "$((rss / 1024))"
  else
    printf '%-48s failed (the error is above)\n' "$label"
  fi
}
