// tandem's browser suite: builds the sites, serves each on 127.0.0.1 under
// /team-health/ (as GitHub Pages serves a project site), opens every page in
// headless Chromium (console, requests, links, axe-core in light and dark
// mode at 1280 and 390 px), runs the W3C Nu HTML checker on every page, and
// takes the README's screenshots. Run it through `cargo test --test browser`
// (tests/browser.rs), or directly:
//
//   node browser/suite.mjs --tandem target/debug/tandem [--work DIR] [--keep]
//        [--only SITE[,SITE…]] [--verbose]
//
// --work DIR holds the built sites, Chromium's fresh profile and the
// screenshots (default: a new temporary folder; cargo test passes
// target/tmp/browser-suite). TANDEM_SCREENSHOTS=1 writes the screenshots into
// docs/screenshots/ of the repository instead. The last line
// is always `browser: N passed, M failed` (N, M: checks; a check is one page
// of one site, or one site-level check such as "feed.xml").

import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { FIXTURE_MODES, MODES, checkSite } from './lib/browse.mjs';
import { Report } from './lib/report.mjs';
import { PREFIX, serve } from './lib/server.mjs';
import { build, htmlFiles, sitesToBuild } from './lib/sites.mjs';
import { missedBySuite } from './lib/selftest.mjs';
import { checkStory } from './lib/story.mjs';
import { validate } from './lib/validate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const require = createRequire(import.meta.url);

const CHROMIUM = process.env.TANDEM_CHROMIUM || '/usr/bin/chromium';
// The flags, and two more so that nothing leaves the machine: every
// host name but 127.0.0.1 fails to resolve, and every connection that is not
// to loopback goes to a proxy that does not exist (Chromium never sends
// loopback traffic to a proxy: `<-loopback>` is implicit, and the suite only
// works because it is).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=127.0.0.1:9',
];
const WATCHDOG_MS = 20 * 60 * 1000;

function parseArgs(argv) {
  const opts = { tandem: process.env.TANDEM_BIN || '', work: null, keep: false, only: null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--tandem') opts.tandem = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else if (a === '--work') opts.work = path.resolve(argv[++i]);
    else if (a === '--only') opts.only = argv[++i];
    else if (a === '--verbose') opts.verbose = true;
    else {
      console.error(`usage: node suite.mjs --tandem PATH_TO_TANDEM [--work DIR] [--keep] [--only SITE] [--verbose]\nunknown argument: ${a}`);
      process.exit(2);
    }
  }
  if (!opts.tandem) {
    console.error('usage: node suite.mjs --tandem PATH_TO_TANDEM [--work DIR] [--keep] [--only SITE] [--verbose]');
    process.exit(2);
  }
  opts.tandem = path.resolve(opts.tandem);
  return opts;
}

/** Says what is missing or stale, or returns null. */
function missingTools() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (Debian package chromium)`);
  const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.startsWith('node_modules/')) continue;
    const manifest = path.join(here, key, 'package.json');
    const installed = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).version : null;
    if (installed !== entry.version) {
      missing.push(`${key.slice(13)}@${entry.version} (found ${installed ?? 'nothing'}; run \`npm ci --ignore-scripts\` in browser/)`);
    }
  }
  return missing.length ? missing : null;
}

/**
 * The folder for built sites, Chromium's profile and the screenshots: `dir`
 * emptied of what a previous run left there, or a new temporary folder.
 */
function workFolder(dir) {
  if (!dir) return fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-browser-'));
  fs.mkdirSync(dir, { recursive: true });
  for (const part of ['sites', 'chromium-profile', 'screenshots']) {
    fs.rmSync(path.join(dir, part), { recursive: true, force: true });
  }
  return dir;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`browser suite: still running after ${seconds(WATCHDOG_MS)}; giving up`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  const opts = parseArgs(process.argv.slice(2));
  const missing = missingTools();
  if (missing) {
    console.error(`browser suite: cannot run, missing:\n  ${missing.join('\n  ')}`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  }
  const sites = chooseSites(opts.only);
  const { chromium } = await import('playwright-core');
  const run = {
    opts,
    sites,
    axeSource: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'),
    axeVersion: require('axe-core/package.json').version,
    vnuVersion: require('vnu-jar/package.json').version,
    work: workFolder(opts.work),
    report: new Report(),
    selfReport: new Report(),
    validateFiles: new Map(), // absolute html file -> { site, check, report }
    times: { selftest: 0, build: 0, browser: 0, validator: 0, screenshots: 0 },
  };
  run.shotsDir = process.env.TANDEM_SCREENSHOTS === '1' ? path.join(repo, 'docs', 'screenshots') : path.join(run.work, 'screenshots');

  const ctx = await chromium.launchPersistentContext(path.join(run.work, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  console.log(`browser suite: Chromium ${ctx.browser()?.version() ?? '?'}, axe-core ${run.axeVersion}, vnu-jar ${run.vnuVersion}; work folder ${run.work}`);
  try {
    await selfTest(ctx, run);
    for (const site of sites) await checkOneSite(ctx, run, site);
  } finally {
    await ctx.close();
  }
  const warnings = await validateAll(run);
  if (opts.verbose) {
    console.log('\nWhat the suite found on the self-test site (all expected):');
    for (const l of run.selfReport.failureLines()) console.log(`  ${l}`);
  }
  const selfCheck = run.report.check('suite', 'self-test: every kind of problem is caught');
  for (const missed of missedBySuite(run.selfReport)) run.report.fail(selfCheck, missed);

  const { passed, failed } = run.report.counts();
  printReport(run, warnings, Date.now() - started);
  if (failed === 0 && !opts.keep) {
    // Keep only the pictures (they are small, and worth a look).
    for (const part of ['sites', 'chromium-profile']) fs.rmSync(path.join(run.work, part), { recursive: true, force: true });
  } else {
    console.log(`kept for a look: ${run.work} (sites/ holds every built site)`);
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

function chooseSites(only) {
  const all = sitesToBuild(repo);
  if (!only) return all;
  const names = only.split(',');
  const chosen = all.filter((s) => names.includes(s.name));
  if (!chosen.length) {
    console.error(`browser suite: no site is named ${only}; the sites are ${all.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  return chosen;
}

/** The checks on selftest/site/, into their own report: every problem there is expected. */
async function selfTest(ctx, run) {
  const t = Date.now();
  const root = path.join(here, 'selftest', 'site');
  const server = await serve(root);
  try {
    const notFoundPath = `${PREFIX}no-such-page.html`;
    await checkSite({ ctx, site: 'selftest', root, server, report: run.selfReport, axeSource: run.axeSource, notFoundPath });
    for (const rel of htmlFiles(root)) {
      const check = rel === '404.html' ? `404.html served at ${notFoundPath}` : rel;
      run.validateFiles.set(path.join(root, rel), { site: 'selftest', check, report: run.selfReport });
    }
  } finally {
    await server.close();
  }
  // The story checks on a dashboard that gets every one of them wrong.
  const story = path.join(here, 'selftest', 'story');
  const storyServer = await serve(story);
  try {
    await checkStory({ ctx, site: 'selftest-story', root: story, server: storyServer, report: run.selfReport, data: story, isPublic: true });
  } finally {
    await storyServer.close();
  }
  run.times.selftest = Date.now() - t;
  console.log(`  self-test (a site with one of each problem): ${seconds(run.times.selftest)}`);
}

/** Builds one site with its server's URL as base URL (if it takes one), then checks it. */
async function checkOneSite(ctx, run, site) {
  const { report, times } = run;
  const out = path.join(run.work, 'sites', site.name);
  // Published with a base URL, a site lives under a project path; without one
  // it is previewed at a host's root, where its 404 page (root-relative) works.
  const server = await serve(out, site.withBaseUrl ? PREFIX : '/');
  try {
    let t = Date.now();
    const failed = build(run.opts.tandem, site, out, site.withBaseUrl ? server.base : null);
    times.build += Date.now() - t;
    if (failed) {
      report.fail(report.check(site.name, 'tandem build'), failed);
      return;
    }
    report.stats.sites += 1;
    // 404.html works at any depth: absolute under the base URL, or
    // root-relative without one (CLI.md).
    const notFoundPath = `${server.prefix}no/such/page/`;
    t = Date.now();
    const before = report.stats.pagesOpened;
    const modes = site.sample ? MODES : FIXTURE_MODES;
    await checkSite({ ctx, site: site.name, root: out, server, report, axeSource: run.axeSource, notFoundPath, modes });
    await checkStory({ ctx, site: site.name, root: out, server, report, data: site.data, isPublic: site.args.includes('--public') });
    times.browser += Date.now() - t;
    const bad = [...report.checks.values()].filter((c) => c.site === site.name && c.failures.length).length;
    console.log(`  ${site.name}: ${report.stats.pagesOpened - before} pages × ${modes.length} modes in ${seconds(Date.now() - t)}, ${bad} failed checks`);
    for (const rel of htmlFiles(out)) {
      const check = rel === '404.html' ? `404.html served at ${notFoundPath}` : rel;
      run.validateFiles.set(path.join(out, rel), { site: site.name, check, report });
    }
    if (site.name === 'sample') {
      t = Date.now();
      await screenshots(ctx, server, report, run.shotsDir);
      times.screenshots += Date.now() - t;
    }
  } finally {
    await server.close();
  }
}

// The checker reads files, not served pages: with no origin it cannot match
// the CSP's style-src 'self' and warns about every page's own stylesheet.
// Chromium, loading the pages from the test server, is the judge of the CSP
// (see cspViolations in lib/browse.mjs); only this warning is dropped (the
// checker shortens long URLs, hence any path on the test server for 404.html).
const OWN_STYLESHEET_UNDER_CSP =
  /^Resource violates Content Security Policy \(meta tag\): external stylesheet “((\.\.\/|\.\/|\/)*assets\/style\.css|http:\/\/127\.0\.0\.1:\d+\/team-health\/[^”]*)” blocked by “style-src” directive\.$/;

/** One W3C Nu checker run over every page; errors fail their page. Returns the warnings as lines. */
async function validateAll(run) {
  const { report } = run;
  const t = Date.now();
  const jar = path.join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  const v = await validate(jar, [...run.validateFiles.keys()]);
  run.times.validator = Date.now() - t;
  report.stats.validatedFiles = [...run.validateFiles.values()].filter((o) => o.report === report).length;
  if (v.problem) report.fail(report.check('all', 'W3C Nu HTML checker'), v.problem);
  const warnings = [];
  for (const [file, messages] of v.messages) {
    const owner = run.validateFiles.get(file) ?? { site: 'all', check: file, report };
    for (const m of messages) {
      if (OWN_STYLESHEET_UNDER_CSP.test(m.message)) continue;
      if (owner.report !== report) {
        // The self-test site's errors are expected; missedBySuite looks for them.
        if (m.type !== 'warning') owner.report.fail(owner.report.check(owner.site, owner.check), `W3C ${m.type}: ${m.message}`);
      } else if (m.type === 'warning') {
        report.stats.validatorWarnings += 1;
        warnings.push(`  [${owner.site}] ${owner.check}:${m.line}: ${m.message}`);
      } else {
        report.stats.validatorErrors += 1;
        report.fail(report.check(owner.site, owner.check), `W3C ${m.type}: ${m.message}`, {
          where: `${owner.check}:${m.line}:${m.column}`,
          example: m.extract ? `“${m.extract}”` : '',
        });
      }
    }
  }
  return warnings;
}

function printReport(run, warnings, elapsed) {
  const { report, times } = run;
  const lines = report.failureLines();
  if (lines.length) {
    console.log('');
    for (const l of lines) console.log(l);
  }
  if (warnings.length) {
    console.log('\nW3C warnings (not failures):');
    for (const l of warnings.slice(0, 20)) console.log(l);
    if (warnings.length > 20) console.log(`  … and ${warnings.length - 20} more`);
  }
  const s = report.stats;
  const incomplete = [...s.axeIncomplete].sort((a, b) => b[1] - a[1]);
  console.log('');
  console.log(`sites: ${s.sites} built of ${run.sites.length} (${run.sites.map((x) => x.name).join(', ')})`);
  console.log(`pages opened: ${s.pagesOpened} (${s.pageLoads} loads: sample sites light and dark at 1280 and 390 px, fixtures light 1280 and dark 390)`);
  console.log(`axe-core ${run.axeVersion}: ${s.axeRulesApplied.size} of ${s.axeRulesSelected.size} WCAG 2.1 A/AA rules applied; ${s.axeViolations} violations (${s.axeViolationNodes} elements)`);
  if (incomplete.length) {
    console.log(`  axe could not decide on ${incomplete.reduce((n, [, k]) => n + k, 0)} elements (not failures; look at them by hand):`);
    for (const [why, n] of incomplete.slice(0, 8)) console.log(`    ${n} × ${why}`);
  }
  console.log(`links: ${s.externalLinks} external and ${s.mailtoLinks} mailto/tel links counted, not followed; ${s.blockedRequests} requests to other hosts blocked`);
  console.log(`Content-Security-Policy: ${s.cspViolations} violations`);
  console.log(`feeds: ${s.feedEntries} entries, ${s.feedLinks} links to the site checked`);
  console.log(`W3C Nu checker ${run.vnuVersion}: ${s.validatedFiles} files, ${s.validatorErrors} errors, ${s.validatorWarnings} warnings`);
  const shots = fs.existsSync(run.shotsDir) ? fs.readdirSync(run.shotsDir).sort() : [];
  if (shots.length) console.log(`screenshots: ${shots.join(', ')} in ${run.shotsDir}`);
  console.log(`time: ${seconds(elapsed)} (self-test ${seconds(times.selftest)}, builds ${seconds(times.build)}, browser ${seconds(times.browser)}, screenshots ${seconds(times.screenshots)}, validator ${seconds(times.validator)})`);
}

/**
 * The README's pictures, from the sample site: the dashboard at 1280 and 390 px, the newest
 * sprint's page at 1280 px, the summary as an A4 PDF.
 */
async function screenshots(ctx, server, report, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const page = await ctx.newPage();
  try {
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    for (const width of [1280, 390]) {
      const check = report.check('sample', `screenshot dashboard-${width}.png`);
      await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
      const res = await page.goto(server.base, { waitUntil: 'load' });
      if (res?.status() !== 200) {
        report.fail(check, `no screenshot: the dashboard (index.html) returned ${res?.status()}`);
        continue;
      }
      await page.screenshot({ path: path.join(dir, `dashboard-${width}.png`), fullPage: true });
    }
    const sprint = report.check('sample', 'screenshot sprint-1280.png');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.base}sprints/index.html`, { waitUntil: 'load' });
    const newest = await page.locator('.sprint-table tbody th a').first().getAttribute('href').catch(() => null);
    if (!newest) {
      report.fail(sprint, 'no screenshot: the sprints page lists no sprint');
    } else {
      await page.goto(new URL(newest, `${server.base}sprints/index.html`).href, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(dir, 'sprint-1280.png'), fullPage: true });
    }
    const check = report.check('sample', 'summary.pdf');
    const res = await page.goto(`${server.base}summary/index.html`, { waitUntil: 'load' });
    if (res?.status() !== 200) {
      report.fail(check, `no PDF: the summary (summary/index.html) returned ${res?.status()}`);
    } else {
      await page.pdf({ path: path.join(dir, 'summary.pdf'), format: 'A4', printBackground: true, preferCSSPageSize: true });
    }
  } finally {
    await page.close();
  }
}

main().catch((e) => {
  console.error(`browser suite: ${e.stack ?? e}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
});
