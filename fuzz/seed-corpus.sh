#!/bin/sh
# Fills fuzz/corpus/<target>/ with the project's own inputs (sample-data/ and
# tests/fixtures/), one file per distinct content, named by its SHA-1 as
# libFuzzer names its own. Run from the repository root: sh fuzz/seed-corpus.sh
set -eu
out=fuzz/corpus
seed() { # target, files...
    target=$1; shift
    mkdir -p "$out/$target"
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$out/$target/$(sha1sum "$f" | cut -c1-40)"
    done
}
roots="sample-data tests/fixtures"
seed note $(find $roots -type f \( -name '*.md' -o -name '*.markdown' \) -path '*notes*')
seed team $(find $roots -type f \( -name 'team.yaml' -o -name 'team.yml' \))
seed sprint $(find $roots -type f \( -name '*.yaml' -o -name '*.yml' \) -path '*/sprints/*' ! -path '*/import/*')
seed backlog $(find $roots -type f \( -name 'backlog.yaml' -o -name 'backlog.yml' -o -path '*/backlog/*.yaml' \) ! -path '*/import/*')
seed settings $(find $roots -type f \( -name 'tandem.yaml' -o -name 'tandem.yml' \))
seed jira_csv $(find tests/fixtures/import -maxdepth 2 -type f -name '*.csv')
seed jira_json $(find tests/fixtures/import -maxdepth 2 -type f -name '*.json' -path '*jira*')
seed gitlab $(find tests/fixtures/import -maxdepth 2 -type f -name '*.json' -path '*gitlab*')
seed sprint_list $(find tests/fixtures/import -maxdepth 2 -type f -name 'sprints.*' -o -maxdepth 2 -type f -name 'board-sprints.json')
