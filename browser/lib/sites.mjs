// Which sites the suite builds, and building one with the real binary.
//
// - `sample`: sample-data, published at the test server's URL (`--base-url`),
//   as a team publishes it on GitHub Pages;
// - `sample-early`: the same data as of 2026-08-30, when most notes, sprints
//   and weeks are still to come ("no data" states);
// - `sample-public`: the same data built with `--public`, the
//   stakeholder-facing site without note pages;
// - every fixture folder under tests/fixtures/ that holds a team.yaml and is
//   valid: under tests/fixtures/check/ that is a case whose expected.txt says
//   `# exit: 0` (the others are meant to fail); elsewhere, any such folder.
//   These are built without --base-url, as a team without tandem.yaml would,
//   and checked in two modes (light at 1280 px, dark at 390 px) where the
//   sample sites get all four.
//   tests/fixtures/import/ holds tracker exports, not data folders: tests/import.rs
//   imports and builds those.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `[{ name, data, args, withBaseUrl, sample }]` for the repository at `repo`;
 * `sample` sites are checked in every mode, fixtures in two.
 */
export function sitesToBuild(repo) {
  const sample = path.join(repo, 'sample-data');
  const sites = [
    { name: 'sample', data: sample, args: [], withBaseUrl: true, sample: true },
    { name: 'sample-early', data: sample, args: ['--as-of', '2026-08-30'], withBaseUrl: true, sample: true },
    { name: 'sample-public', data: sample, args: ['--public'], withBaseUrl: true, sample: true },
  ];
  const fixtures = path.join(repo, 'tests', 'fixtures');
  for (const dir of findTeamFolders(fixtures)) {
    if (path.relative(fixtures, dir).startsWith(`import${path.sep}`)) continue;
    const expected = readExpected(path.join(dir, 'expected.txt'));
    if (expected && expected.exit !== 0) continue;
    const name = path.relative(fixtures, dir).split(path.sep).join('/');
    sites.push({ name, data: dir, args: expected?.args ?? [], withBaseUrl: false, sample: false });
  }
  return sites;
}

function findTeamFolders(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  if (entries.some((e) => e.isFile() && e.name === 'team.yaml')) return [dir];
  for (const e of entries) {
    if (e.isDirectory() && !e.name.startsWith('.')) found.push(...findTeamFolders(path.join(dir, e.name)));
  }
  return found;
}

/** The `# args:` and `# exit:` lines of a fixture's expected.txt, if it has one. */
function readExpected(file) {
  if (!fs.existsSync(file)) return null;
  let args = [];
  let exit = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('# args:')) args = line.slice(7).trim().split(/\s+/).filter(Boolean);
    else if (line.startsWith('# exit:')) exit = Number.parseInt(line.slice(7).trim(), 10);
  }
  return { args, exit };
}

/**
 * Runs `tandem build DATA -o OUT [--base-url URL] ARGS`. Returns `null` on
 * success, else a message with tandem's exit code and standard error.
 */
export function build(tandem, site, out, baseUrl) {
  const args = ['build', site.data, '-o', out, ...site.args];
  if (baseUrl) args.push('--base-url', baseUrl);
  const run = spawnSync(tandem, args, { encoding: 'utf8', env: { ...process.env, RUST_BACKTRACE: '' } });
  if (run.error) return `cannot run ${tandem}: ${run.error.message}`;
  if (run.status !== 0) {
    return `tandem ${args.join(' ')} exited with ${run.status}:\n${run.stderr.trim()}`;
  }
  return null;
}

/** Every `.html` file under `root`, as `/`-separated paths relative to it. */
export function htmlFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.html')) files.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
}
