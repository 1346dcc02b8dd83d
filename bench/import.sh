#!/usr/bin/env bash
# Time and peak memory of `tandem import` on a synthetic Jira CSV export, then
# of `tandem build` on the folder it wrote. Figures, not assertions.
#   bash bench/import.sh [ISSUES]
set -euo pipefail
cd "$(dirname "$0")/.."
issues=${1:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --locked
cargo run --release --quiet --locked --example jira_export -- "$work/export" "$issues"
bin=target/release/tandem

measure() { # label, then the command; best of 3 (each on a fresh copy of the folder)
  local label=$1; shift
  local best=""
  for _ in 1 2 3; do
    rm -rf "$work/data" && mkdir -p "$work/data"
    [ -d "$work/imported" ] && cp -r "$work/imported/." "$work/data/"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
    read -r secs kb <"$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < ${best%% *})}"; then best="$secs $kb"; fi
  done
  read -r secs kb <<<"$best"
  printf '%-44s %8.3f s %8.1f MiB peak\n' "$label" "$secs" "$(awk "BEGIN{print $kb/1024}")"
}

echo "best of 3 runs each; $issues issues, $(wc -c <"$work/export/export.csv") bytes of CSV"
measure "import jira ($issues issues)" "$bin" import jira "$work/export/export.csv" --sprints "$work/export/sprints.csv" --into "$work/data"
cp -r "$work/data" "$work/imported"
measure "import again (nothing changes)" "$bin" import jira "$work/export/export.csv" --sprints "$work/export/sprints.csv" --into "$work/data"
measure "build the imported folder" "$bin" build "$work/data" -o "$work/site" --as-of 2026-12-31
echo "sprint files: $(ls "$work/imported/sprints" | wc -l), backlog items: $(grep -c '  - id:' "$work/imported/backlog/"*.yaml)"
