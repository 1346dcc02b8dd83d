#!/usr/bin/env bash
# Prints build time and peak memory for sample-data and for a large synthetic
# team. Figures, not assertions: compare them between commits by hand.
#   bash bench/run.sh [SPRINTS] [NOTES_PER_SPRINT]
set -euo pipefail
cd "$(dirname "$0")/.."
sprints=${1:-200}
notes=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --locked
cargo run --release --quiet --locked --example synthetic -- "$work/synthetic" "$sprints" "$notes"
bin=target/release/tandem

measure() { # label, then the command
  local label=$1; shift
  local best=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
    read -r secs kb <"$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < ${best%% *})}"; then best="$secs $kb"; fi
  done
  read -r secs kb <<<"$best"
  printf '%-44s %8.2f s %8.1f MiB peak\n' "$label" "$secs" "$(awk "BEGIN{print $kb/1024}")"
}

files=$(find "$work/synthetic" -type f | wc -l)
echo "best of 3 runs each; synthetic: $sprints sprints, $((sprints * notes)) notes, $files files"
measure "check sample-data" "$bin" check sample-data
measure "build sample-data" "$bin" build sample-data -o "$work/site-sample"
measure "check synthetic" "$bin" check "$work/synthetic"
measure "build synthetic" "$bin" build "$work/synthetic" -o "$work/site-synthetic"
echo "pages: sample-data $(find "$work/site-sample" -name '*.html' | wc -l), synthetic $(find "$work/site-synthetic" -name '*.html' | wc -l)"
