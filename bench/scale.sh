#!/usr/bin/env bash
# Whole-process figures at organisation scale: `check`, `build` and `summary`
# on synthetic folders of 1k, 10k, 20k and 50k notes (90 sprints and weekly
# backlog snapshots each, as a coach with many teams and years of notes has),
# with wall time (best and median), CPU time (user+sys, best), peak memory
# and how the best wall time grows against the 10k folder. Figures, not
# assertions.
#   bash bench/scale.sh [SIZES...]        e.g. bash bench/scale.sh 1000 10000
#   RUNS=5 bash bench/scale.sh            five runs per figure instead of three
#   WORK_ROOT=/dev/shm bash bench/scale.sh    data and sites on tmpfs
#   BIN=/path/to/tandem bash bench/scale.sh   another binary (an older commit's)
# `build` starts from nothing each run (no output, no kept previous site);
# `rebuild` is the same build again with nothing changed (it starts from the
# previous site kept beside the output, see src/output/tree.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 20000 50000)
runs=${RUNS:-3}
sprints=90
work=$(mktemp -d "${WORK_ROOT:-${TMPDIR:-/tmp}}/tandem-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -n "${BIN:-}" ] || cargo build --release --quiet --locked
cargo build --release --quiet --locked --example synthetic
bin=${BIN:-target/release/tandem}

# $runs runs of the command; before each, `fresh` (if set) clears the output.
# Prints "best_wall median_wall best_cpu peak_kb".
measure() {
  local fresh=$1; shift
  local walls=() cpus=() peak=0
  for _ in $(seq "$runs"); do
    [ -n "$fresh" ] && rm -rf "$fresh" "$(dirname "$fresh")/.$(basename "$fresh").tandem-old"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$work/time" >&2; exit 1; }
    local wall user sys kb
    read -r wall user sys kb <"$work/time"
    walls+=("$wall"); cpus+=("$(awk "BEGIN{print $user + $sys}")")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local sorted_w sorted_c
  sorted_w=$(printf '%s\n' "${walls[@]}" | sort -g)
  sorted_c=$(printf '%s\n' "${cpus[@]}" | sort -g)
  echo "$(head -1 <<<"$sorted_w") $(sed -n "$(((runs + 1) / 2))p" <<<"$sorted_w") $(head -1 <<<"$sorted_c") $peak"
}

echo "machine: $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') memory, $(df -T "$work" | awk 'NR==2{print $2}') at $work"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $runs runs per figure; $sprints sprints per folder"
printf '%-8s %-8s %9s %9s %9s %9s %9s\n' notes command "best s" "median s" "cpu s" "peak MiB" "vs 10k"
declare -A base
for n in "${sizes[@]}"; do
  data="$work/data-$n"
  target/release/examples/synthetic "$data" "$sprints" 1 --notes "$n" --weekly-backlog >/dev/null
  as_of=$(grep -h '^end:' "$data"/sprints/*.yaml | sort | tail -1 | cut -d' ' -f2)
  site="$work/site-$n"
  for cmd in check build rebuild summary; do
    case $cmd in
      check) result=$(measure "" "$bin" check "$data" --as-of "$as_of") ;;
      build) result=$(measure "$site" "$bin" build "$data" -o "$site" --as-of "$as_of") ;;
      rebuild) result=$(measure "" "$bin" build "$data" -o "$site" --as-of "$as_of") ;;
      summary) result=$(measure "" "$bin" summary "$data" --as-of "$as_of") ;;
    esac
    read -r best median cpu kb <<<"$result"
    [ "$n" = 10000 ] && base[$cmd]=$best
    ratio="-"
    [ -n "${base[$cmd]:-}" ] && ratio=$(awk "BEGIN{printf \"%.2fx\", $best / ${base[$cmd]}}")
    printf '%-8s %-8s %9.2f %9.2f %9.2f %9.1f %9s\n' "$n" "$cmd" "$best" "$median" "$cpu" "$(awk "BEGIN{print $kb/1024}")" "$ratio"
  done
  rm -rf "$data" "$site" "$work/.site-$n.tandem-old"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
