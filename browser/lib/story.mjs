// Checks that the dashboard tells its story where a reader looks first
// (issue 19), on every site the suite builds, light and dark:
// - at 1280 × 800 the headline, the five practice tiles and the first
//   "needs attention" items (or the all-clear) end within the first screen;
//   at 390 × 844 the tiles end within the first two screens;
// - the headline names every practice whose tile says "at risk";
// - every tile's and indicator's change says better or worse in words, with
//   an arrow that is not one of the status shapes (● ▲ ■ ○);
// - on a site built with --public, no member's name or alias sits in a
//   sentence about something overdue, on any page;
// - the dashboard prints on at most two A4 pages.

import fs from 'node:fs';
import path from 'node:path';

import { htmlFiles } from './sites.mjs';

const SCREENS = [
  { width: 1280, height: 800, tilesWithin: 1, attentionWithin: 1 },
  { width: 390, height: 844, tilesWithin: 2, attentionWithin: null },
];
const STATUS_SHAPES = ['●', '▲', '■', '○', '◆'];
const MAX_PRINTED_PAGES = 2;

/** Runs the story checks on one served site; `data` is its data folder. */
export async function checkStory({ ctx, site, root, server, report, data, isPublic }) {
  const page = await ctx.newPage();
  try {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      for (const screen of SCREENS) {
        const mode = `${scheme} ${screen.width}`;
        const check = report.check(site, `first screen at ${screen.width} px`);
        await page.setViewportSize({ width: screen.width, height: screen.height });
        const res = await page.goto(server.base, { waitUntil: 'load' });
        if (res?.status() !== 200) {
          report.fail(check, `the dashboard returned ${res?.status()}`, { mode });
          continue;
        }
        const found = await page.evaluate(measureFirstScreen);
        for (const problem of firstScreenProblems(found, screen)) report.fail(check, problem, { mode });
        const wording = report.check(site, 'headline and trends say what they mean');
        for (const problem of wordingProblems(found)) report.fail(wording, problem, { mode });
      }
    }
    // Print has one scheme (the stylesheet's print colours).
    const printed = report.check(site, `dashboard prints on ${MAX_PRINTED_PAGES} A4 pages or fewer`);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (pages > MAX_PRINTED_PAGES) report.fail(printed, `the dashboard prints on ${pages} A4 pages`);
    if (isPublic) await publicNamesNobody({ page, site, root, server, report, data });
  } finally {
    await page.close();
  }
}

// Runs in the page: where the first-screen parts end, and their words.
function measureFirstScreen() {
  const bottom = (el) => (el ? el.getBoundingClientRect().bottom + window.scrollY : null);
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const tiles = [...document.querySelectorAll('.tiles .tile')];
  const attention = document.querySelector('section.attention');
  // An item is seen when its sentence is; its hint and details may follow.
  const firstAttention = attention ? [...attention.querySelectorAll('.attention-item .attention-text')].slice(0, 3) : [];
  return {
    headline: text(document.querySelector('.headline-sentence')),
    headlineBottom: bottom(document.querySelector('.headline-sentence')),
    tileCount: tiles.length,
    tilesBottom: bottom(document.querySelector('.tiles')),
    attentionBottom: bottom(firstAttention.at(-1) ?? document.querySelector('.all-clear')),
    atRisk: tiles.filter((t) => t.classList.contains('tile-risk')).map((t) => text(t.querySelector('.tile-name'))),
    changes: [...document.querySelectorAll('.tile-change, .figure-change')].map((el) => ({
      arrow: text(el.querySelector('.change-arrow')),
      text: text(el),
      verdict: [...el.classList].find((c) => /-(better|worse|same)$/.test(c))?.replace(/.*-/, '') ?? '',
    })),
  };
}

function firstScreenProblems(found, screen) {
  const problems = [];
  if (found.tileCount !== 5) problems.push(`${found.tileCount} practice tiles, not 5`);
  if (!found.headline) problems.push('no headline sentence');
  const limit = screen.height * screen.tilesWithin;
  if (found.headlineBottom > screen.height) problems.push(`the headline ends at ${Math.round(found.headlineBottom)} px, below the first screen`);
  if (found.tilesBottom === null || found.tilesBottom > limit) {
    problems.push(`the practice tiles end at ${Math.round(found.tilesBottom)} px, past ${limit} px (${screen.tilesWithin} screen${screen.tilesWithin > 1 ? 's' : ''})`);
  }
  if (screen.attentionWithin) {
    const within = screen.height * screen.attentionWithin;
    if (found.attentionBottom === null) problems.push('neither "needs attention" items nor the all-clear');
    else if (found.attentionBottom > within) problems.push(`the top "needs attention" items end at ${Math.round(found.attentionBottom)} px, past ${within} px`);
  }
  return problems;
}

function wordingProblems(found) {
  const problems = [];
  for (const name of found.atRisk) {
    if (!found.headline.includes(name)) problems.push(`"${name}" is at risk but the headline ("${found.headline}") does not name it`);
  }
  for (const change of found.changes) {
    if (STATUS_SHAPES.includes(change.arrow)) problems.push(`the change "${change.text}" uses the status shape ${change.arrow}`);
    if (change.verdict === 'better' && !/\bbetter\b/.test(change.text)) problems.push(`the change "${change.text}" is better but does not say so`);
    if (change.verdict === 'worse' && !/\bworse\b/.test(change.text)) problems.push(`the change "${change.text}" is worse but does not say so`);
  }
  return problems;
}

/** A public page may say that something is overdue, never whose it is. */
async function publicNamesNobody({ page, site, root, server, report, data }) {
  const check = report.check(site, 'public pages name nobody beside an overdue item');
  const names = memberNames(path.join(data, 'team.yaml'));
  for (const rel of htmlFiles(root)) {
    if (rel === '404.html') continue;
    await page.goto(server.base + rel, { waitUntil: 'load' });
    const sentences = await page.evaluate(() =>
      [...document.querySelectorAll('main li, main p, main td, main dd')]
        .map((el) => el.textContent.replace(/\s+/g, ' ').trim())
        .filter((t) => /overdue/i.test(t)),
    );
    for (const sentence of sentences) {
      const named = names.find((n) => new RegExp(`(^|[^\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(sentence));
      if (named) report.fail(check, `${rel}: "${sentence.slice(0, 160)}" names ${named}`);
    }
  }
}

/** Every member's name, first name and alias in team.yaml (a plain line reader: enough for the suite's own data). */
function memberNames(file) {
  if (!fs.existsSync(file)) return [];
  const names = new Set();
  const unquote = (s) => s.trim().replace(/^(["'])(.*)\1$/, '$2');
  let inMembers = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    // The team's own `name:` comes before `members:`; any other top-level key ends the list.
    if (/^members:/.test(line)) inMembers = true;
    else if (/^[A-Za-z_]+:/.test(line)) inMembers = false;
    const name = inMembers && line.match(/^\s*(?:-\s*)?name:\s*(.+?)\s*(?:\s#.*)?$/);
    if (name) {
      const full = unquote(name[1]);
      names.add(full);
      names.add(full.split(/\s+/)[0]);
    }
    const aliases = line.match(/^\s*aliases:\s*\[([^\]]*)\]/);
    if (aliases) for (const a of aliases[1].split(',')) if (a.trim().length > 1) names.add(a.trim().replace(/^["']|["']$/g, ''));
  }
  return [...names].filter((n) => n.length > 1);
}
