#!/usr/bin/env bash
# How fast `tandem serve` follows a save: the rebuild time it prints
# ("rebuilt in 0.12 s") and the time from the save to the new build being
# served (what an open page waits for before it reloads: the watcher's quiet
# time plus the rebuild), after a one-note edit, on sample-data and on a
# synthetic folder of 10,000 notes. Figures, not assertions.
#   bash bench/serve.sh            median of 5 edits each
#   RUNS=9 NOTES=20000 bash bench/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
notes=${NOTES:-10000}
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

cargo build --release --quiet --locked --bin tandem --example synthetic
bin=target/release/tandem

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# measure NAME DATA_DIR NOTE_TO_EDIT
measure() {
  local name=$1 data=$2 note=$3
  "$bin" serve "$data" --port 0 >"$work/out" 2>"$work/err" &
  pid=$!
  until grep -q '^Serving' "$work/out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
    sleep 0.1
  done
  local url first
  url=$(grep -o 'http://[^ ]*' "$work/out")
  first=$(grep -o 'in [0-9.]* s' "$work/err" | head -1 | cut -d' ' -f2)
  : >"$work/saves"
  for i in $(seq "$runs"); do
    local v start end
    v=$(curl -s "${url}__tandem/version")
    start=$(date +%s.%N)
    printf '\nDecision: bench edit number %s.\n' "$i" >>"$note"
    # Held by the server until the build counter moves.
    curl -s --max-time 300 "${url}__tandem/version?since=$v" >/dev/null
    end=$(date +%s.%N)
    awk "BEGIN{print $end - $start}" >>"$work/saves"
    sleep 0.5
  done
  local rebuilt save
  rebuilt=$(grep -o 'rebuilt in [0-9.]* s' "$work/err" | cut -d' ' -f3 | median)
  save=$(median <"$work/saves")
  printf '%-22s %12s %12s %14.2f\n' "$name" "$first" "$rebuilt" "$save"
  kill -INT "$pid"
  wait "$pid" || true
  pid=""
}

echo "machine: $(nproc) cores (shared: other work may slow it); median of $runs one-note edits"
printf '%-22s %12s %12s %14s\n' folder "first build" "rebuilt in" "save to served"
cp -r sample-data "$work/sample"
measure sample-data "$work/sample" "$work/sample/notes/2026/sprint-22/retro.md"
"target/release/examples/synthetic" "$work/synthetic" 90 1 --notes "$notes" --weekly-backlog >/dev/null
note=$(find "$work/synthetic/notes" -name '*.md' | sort | tail -1)
measure "synthetic, $notes notes" "$work/synthetic" "$note"
