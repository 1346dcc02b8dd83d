#!/usr/bin/env bash
# Whole-process figures at organisation scale: `check`, `build` and `summary`
# on synthetic folders of 1k, 10k, 20k and 50k notes (90 sprints and weekly
# backlog snapshots each, as a coach with many teams and years of notes has),
# with wall time, peak memory
# and how each grows against the 10k folder. Figures, not assertions.
#   bash bench/scale.sh [SIZES...]        e.g. bash bench/scale.sh 1000 10000
#   RUNS=1 bash bench/scale.sh            one run per figure instead of best of 3
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 20000 50000)
runs=${RUNS:-3}
sprints=90
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --locked
bin=target/release/tandem

# best of $runs: "seconds kilobytes"
measure() {
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$work/time" >&2; exit 1; }
    local secs kb
    read -r secs kb <"$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < ${best%% *})}"; then best="$secs $kb"; fi
  done
  echo "$best"
}

echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') memory; best of $runs runs; $sprints sprints per folder"
printf '%-8s %-8s %9s %10s %9s\n' notes command seconds "peak MiB" "vs 10k"
declare -A base
for n in "${sizes[@]}"; do
  data="$work/data-$n"
  cargo run --release --quiet --locked --example synthetic -- "$data" "$sprints" 1 --notes "$n" --weekly-backlog >/dev/null
  as_of=$(grep -h '^end:' "$data"/sprints/*.yaml | sort | tail -1 | cut -d' ' -f2)
  for cmd in check build summary; do
    case $cmd in
      check) result=$(measure "$bin" check "$data" --as-of "$as_of") ;;
      build) result=$(measure "$bin" build "$data" -o "$work/site-$n" --as-of "$as_of") ;;
      summary) result=$(measure "$bin" summary "$data" --as-of "$as_of") ;;
    esac
    read -r secs kb <<<"$result"
    [ "$n" = 10000 ] && base[$cmd]=$secs
    ratio="-"
    [ -n "${base[$cmd]:-}" ] && ratio=$(awk "BEGIN{printf \"%.2fx\", $secs / ${base[$cmd]}}")
    printf '%-8s %-8s %9.2f %10.1f %9s\n' "$n" "$cmd" "$secs" "$(awk "BEGIN{print $kb/1024}")" "$ratio"
  done
  rm -rf "$data" "$work/site-$n"
done
