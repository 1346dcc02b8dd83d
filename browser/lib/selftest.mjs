// The suite checks itself: before trusting a green run, it runs the same
// checks on selftest/site/, a small static site with one of each problem it
// must catch, and fails if any of them goes unnoticed (a check that cannot
// fail proves nothing). The site is served as it is; tandem does not build it.

const LIGHT = ['light 1280', 'light 390'];
const DARK = ['dark 1280', 'dark 390'];
const NARROW = ['light 390', 'dark 390'];

// [what, does this failure show it, the modes it must be seen in (all of them and no other), if any]
const EXPECTED = [
  ['a broken link', (f) => /^broken link to missing\.html/.test(f.message)],
  ["a link that leaves the site's sub-path", (f) => /leaves the site's sub-path/.test(f.message)],
  ['a #fragment with no target on its page', (f) => /^link to #nowhere/.test(f.message)],
  ['a #fragment with no target on another page', (f) => /^link to ok\.html#also-nowhere/.test(f.message)],
  ['an image without a text alternative (axe)', (f) => /^axe image-alt/.test(f.message)],
  ['low contrast in the light scheme only (axe)', (f) => /^axe color-contrast/.test(f.message) && f.example.includes('.pale'), LIGHT],
  ['low contrast in the dark scheme only (axe)', (f) => /^axe color-contrast/.test(f.message) && f.example.includes('.dark-only'), DARK],
  ['a console error', (f) => /^console error: selftest/.test(f.message)],
  ['an uncaught script error', (f) => /^page error: selftest/.test(f.message)],
  ['a request to another host', (f) => /outside the test server \(blocked\)/.test(f.message)],
  ['sideways scrolling at 390 px', (f) => /^the page scrolls sideways/.test(f.message), NARROW],
  ['invalid HTML (W3C Nu checker)', (f) => /^W3C error: Element “p” not allowed as child of element “span”/.test(f.message)],
  ['a missing metrics.json', (f) => /^metrics\.json returned 404/.test(f.message)],
  ['a missing feed.xml', (f) => /^feed\.xml returned 404/.test(f.message)],
  ["a style attribute against the page's CSP", (f) => /^CSP violation: style-src-attr/.test(f.message) && f.check === 'csp.html'],
  ["a <style> element against the page's CSP", (f) => /^CSP violation: style-src-elem/.test(f.message) && f.check === 'csp.html'],
  ["an inline script against the page's CSP", (f) => /^CSP violation: script-src-elem/.test(f.message) && f.check === 'csp.html'],
  ["an image from another host against the page's CSP", (f) => /^CSP violation: img-src blocked https:\/\/example\.com/.test(f.message)],
  // selftest/story/: a dashboard that tells its story late and wrong.
  ['practice tiles below the first screen at 1280 px', (f) => /^the practice tiles end at \d+ px, past 800 px/.test(f.message)],
  ['practice tiles past the first two screens at 390 px', (f) => /^the practice tiles end at \d+ px, past 1688 px/.test(f.message)],
  ['"needs attention" below the first screen', (f) => /^the top "needs attention" items end/.test(f.message)],
  ['fewer than five practice tiles', (f) => /^4 practice tiles, not 5/.test(f.message)],
  ['a practice at risk that the headline does not name', (f) => /^"Hold each other accountable" is at risk but the headline/.test(f.message)],
  ['a change drawn with a status shape', (f) => /uses the status shape ▲/.test(f.message)],
  ['a better change that does not say so', (f) => /is better but does not say so/.test(f.message)],
  ['a member named beside an overdue item on a public page', (f) => /names Dana Kowalski/.test(f.message)],
  ['a dashboard printing on more than two A4 pages', (f) => /^the dashboard prints on \d+ A4 pages/.test(f.message)],
];

/** What the suite failed to catch on the self-test site, as messages (empty when all was caught). */
export function missedBySuite(selfReport) {
  const failures = [...selfReport.checks.values()].flatMap((c) => c.failures.map((f) => ({ ...f, check: c.name })));
  const missed = [];
  for (const [what, shows, modes] of EXPECTED) {
    const seen = failures.filter(shows);
    if (!seen.length) {
      missed.push(`the suite did not catch ${what} on the self-test site`);
      continue;
    }
    if (modes) {
      const seenModes = new Set(seen.map((f) => f.mode));
      const same = seenModes.size === modes.length && modes.every((m) => seenModes.has(m));
      if (!same) missed.push(`the suite caught ${what} in the wrong modes: ${[...seenModes].join(', ')} (expected ${modes.join(', ')})`);
    }
  }
  // And nothing on the page that is fine.
  for (const f of failures.filter((x) => x.check === 'ok.html')) {
    missed.push(`the suite reported a problem on the self-test's good page: ${f.message.split('\n')[0]}`);
  }
  return missed;
}
