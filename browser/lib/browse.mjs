// Opens every page of one served site in headless Chromium and checks it.
//
// The crawl starts at the site root and follows every internal <a href>,
// <link href>, <img src>, <script src> (and srcset, <source>, <iframe>, SVG
// <use>/<image>) of every page; every HTML file of the output folder is
// opened too, linked or not. Each page is opened in four modes (light and
// dark colour scheme, 1280 and 390 px wide) and fails on:
// - a console error or an uncaught page error;
// - a Content-Security-Policy violation (every page carries a strict CSP:
//   no inline style or script, nothing from another host), recorded by the
//   page's own securitypolicyviolation events;
// - a failed request, or a response with status >= 400;
// - any request not addressed to the test server (it is aborted, and
//   counted: nothing may leave the machine);
// - an axe-core violation of WCAG 2.1 A/AA (tags wcag2a, wcag2aa, wcag21a,
//   wcag21aa), in every mode, since colours differ between schemes;
// - at 390 px, a page that scrolls sideways;
// - a link to a page or asset that does not load, that leaves the site's
//   sub-path, or whose #fragment names no element of its target.

import fs from 'node:fs';
import path from 'node:path';

import { resolve } from './server.mjs';
import { htmlFiles } from './sites.mjs';

export const MODES = [
  { name: 'light 1280', width: 1280, height: 800, scheme: 'light' },
  { name: 'dark 1280', width: 1280, height: 800, scheme: 'dark' },
  { name: 'light 390', width: 390, height: 844, scheme: 'light' },
  { name: 'dark 390', width: 390, height: 844, scheme: 'dark' },
];

// A fixture site is built from the same templates as the sample sites, which
// are checked in all four modes: two modes (one of each width, one of each
// scheme) catch what its own data changes, at half the time.
export const FIXTURE_MODES = [MODES[0], MODES[3]];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LOAD_TIMEOUT_MS = 20_000;

// What a page refers to: [selector, attribute]. srcset lists are split.
const REFERENCES = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['img[src]', 'src'],
  ['img[srcset]', 'srcset'],
  ['source[src]', 'src'],
  ['source[srcset]', 'srcset'],
  ['script[src]', 'src'],
  ['iframe[src]', 'src'],
  ['video[src]', 'src'],
  ['audio[src]', 'src'],
  ['track[src]', 'src'],
  ['embed[src]', 'src'],
  ['object[data]', 'data'],
  ['use', 'href'],
  ['image', 'href'],
];

/**
 * Checks one site. `ctx` is the browser context, `server` the running test
 * server for `root` (the output folder), `report` collects results; `axeSource`
 * is axe-core's script. `notFoundPath` is the deliberate missing page.
 * Returns the pages it opened, as `[{ rel, url }]`.
 */
export async function checkSite({ ctx, site, root, server, report, axeSource, notFoundPath, modes = MODES }) {
  const tabs = [];
  for (const mode of modes) tabs.push(await openTab(ctx, mode, server, report));
  try {
    const crawl = new Crawl({ site, root, server, report, tabs, axeSource });
    await crawl.rootChecks();
    crawl.enqueue(server.base, null);
    for (const rel of htmlFiles(root)) {
      if (rel !== '404.html') crawl.enqueue(server.base + rel, null);
    }
    await crawl.notFoundCheck(notFoundPath);
    await crawl.run();
    await crawl.fileChecks(tabs[0]);
    crawl.fragmentChecks();
    return crawl.opened;
  } finally {
    for (const t of tabs) await t.page.close();
  }
}

/** One tab per mode; every event of the page goes to `tab.visit`, the page being checked. */
async function openTab(ctx, mode, server, report) {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: mode.width, height: mode.height });
  await page.emulateMedia({ colorScheme: mode.scheme, reducedMotion: 'reduce' });
  const tab = { page, mode, visit: null };
  // The page records its own CSP violations. An init script runs before any
  // of the page's content and is not subject to its CSP.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__tandemCsp ||= []).push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber });
    });
  });
  const own = new URL(server.origin);
  // Only the test server is reachable; anything else is aborted and is a
  // failure of the page that asked for it. (Chromium's own background
  // requests do not go through page routes; the launch flags stop those.)
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || (url.hostname === own.hostname && url.port === own.port)) {
      return route.continue();
    }
    report.stats.blockedRequests += 1;
    tab.visit?.problems.push(`requested ${url.href} outside the test server (blocked)`);
    tab.visit?.blocked.add(url.href);
    return route.abort('blockedbyclient');
  });
  page.on('console', (msg) => {
    if (!tab.visit) return;
    if (msg.type() === 'warning') report.stats.consoleWarnings += 1;
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    if (tab.visit.expect404 && where === tab.visit.url && /status of 404/.test(msg.text())) return;
    // A load failure also shows up as a failed request or a bad status, and
    // a CSP violation as a violation (see cspViolations).
    if (/^Failed to load resource/.test(msg.text())) return;
    if (/Content Security Policy/.test(msg.text())) return;
    const line = msg.location()?.lineNumber;
    tab.visit.problems.push({
      message: `console error: ${msg.text()}`,
      example: where ? `at ${shortUrl(server, where)}${line ? `:${line + 1}` : ''}` : '',
    });
  });
  page.on('pageerror', (err) => tab.visit?.problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (!tab.visit || tab.visit.blocked.has(req.url())) return;
    tab.visit.problems.push(`request failed: ${shortUrl(server, req.url())} (${req.failure()?.errorText ?? 'unknown'})`);
  });
  page.on('response', (res) => {
    if (!tab.visit || res.status() < 400) return;
    if (tab.visit.expect404 && res.url() === tab.visit.url && res.status() === 404) return;
    tab.visit.problems.push(`${shortUrl(server, res.url())} returned ${res.status()}`);
  });
  return tab;
}

/** A URL of the test server as a path; any other URL as it is. */
function shortUrl(server, url) {
  return url.startsWith(server.origin) ? url.slice(server.origin.length) : url;
}

class Crawl {
  constructor({ site, root, server, report, tabs, axeSource }) {
    Object.assign(this, { site, root, server, report, tabs, axeSource });
    this.queue = [];
    this.seen = new Map(); // url without fragment -> { from: Set<rel> }
    this.pagesByFile = new Map(); // file -> { rel, url, ids }
    this.fragments = []; // { from, target, id }
    this.status = new Map(); // url -> { status, type, file }
    this.opened = [];
  }

  rel(url) {
    const p = new URL(url).pathname;
    const prefix = this.server.prefix;
    return p.startsWith(prefix) ? decodeURIComponent(p.slice(prefix.length)) || './' : p;
  }

  enqueue(url, from, text = '') {
    if (!this.seen.has(url)) {
      this.seen.set(url, { from: new Map() });
      this.queue.push(url);
    }
    if (from) this.seen.get(url).from.set(from, text);
  }

  async run() {
    while (this.queue.length) {
      const url = this.queue.shift();
      const got = await this.fetchStatus(url);
      if (got.status !== 200) continue; // reported by linkChecks against the linking pages
      if (!got.type.startsWith('text/html')) continue;
      if (this.pagesByFile.has(got.file)) continue; // same page by another URL (folder form, canonical)
      const rel = path.relative(this.root, got.file).split(path.sep).join('/');
      await this.checkPage(url, rel, this.report.check(this.site, rel), { expect404: false });
    }
    this.linkChecks();
  }

  async fetchStatus(url) {
    if (this.status.has(url)) return this.status.get(url);
    let got;
    try {
      const res = await fetch(url, { redirect: 'follow' });
      await res.arrayBuffer();
      const found = resolve(this.root, new URL(res.url).pathname, this.server.prefix);
      got = { status: res.status, type: res.headers.get('content-type') ?? '', file: found.file ?? null };
    } catch (e) {
      got = { status: 0, type: '', file: null, error: e.message };
    }
    this.status.set(url, got);
    return got;
  }

  /** Every internal reference must load; a reference outside the prefix is wrong even if it did. */
  linkChecks() {
    for (const [url, { from }] of this.seen) {
      const got = this.status.get(url);
      const prefix = this.server.prefix;
      const outside = !new URL(url).pathname.startsWith(prefix) && new URL(url).pathname !== prefix.slice(0, -1);
      for (const [src, text] of from) {
        const check = this.report.check(this.site, src);
        const example = text ? `"${text}"` : '';
        if (outside) {
          this.report.fail(check, `a link leaves the site's sub-path ${prefix}: ${new URL(url).pathname}`, { example });
        } else if (!got || got.status !== 200) {
          const why = got?.error ?? `HTTP ${got?.status}`;
          this.report.fail(check, `broken link to ${this.rel(url)} (${why}): not in the build`, { example });
        }
      }
    }
  }

  fragmentChecks() {
    for (const { from, target, id } of this.fragments) {
      const got = this.status.get(target);
      if (!got || got.status !== 200 || !got.type.startsWith('text/html')) continue;
      const page = this.pagesByFile.get(got.file);
      if (page && !page.ids.has(id)) {
        this.report.fail(this.report.check(this.site, from), `link to ${this.rel(target)}#${id}: no element there has that id`);
      }
    }
  }

  /** Opens `url` in every mode; records the page's ids and follows its references. */
  async checkPage(url, rel, check, { expect404 }) {
    const entry = { rel, url, ids: new Set() };
    if (!expect404) {
      this.pagesByFile.set(this.status.get(url)?.file ?? rel, entry);
      this.opened.push({ rel, url });
    }
    this.report.stats.pagesOpened += 1;
    // The four modes at once, one tab each: Chromium renders them in parallel.
    await Promise.all(this.tabs.map((tab) => this.visit(tab, url, rel, entry, check, expect404)));
  }

  async visit(tab, url, rel, entry, check, expect404) {
    const visit = { url, expect404, problems: [], blocked: new Set() };
    tab.visit = visit;
    try {
      const res = await tab.page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
      this.report.stats.pageLoads += 1;
      const want = expect404 ? 404 : 200;
      if (res?.status() !== want) visit.problems.push(`page returned ${res?.status()} (expected ${want})`);
      await this.axe(tab);
      if (tab.mode.width < 600) await this.noSideScroll(tab);
      await this.cspViolations(tab);
      if (tab === this.tabs[0]) await this.collect(tab, url, rel, entry);
    } catch (e) {
      visit.problems.push(`could not check the page: ${e.message.split('\n')[0]}`);
    } finally {
      tab.visit = null;
    }
    for (const p of visit.problems) {
      const { message, example } = typeof p === 'string' ? { message: p, example: '' } : p;
      this.report.fail(check, message, { mode: tab.mode.name, example });
    }
  }

  /** The page's Content-Security-Policy violations, as its own events recorded them. */
  async cspViolations(tab) {
    const found = await tab.page.evaluate(() => window.__tandemCsp ?? []);
    this.report.stats.cspViolations += found.length;
    for (const v of found) {
      const where = v.source ? `at ${shortUrl(this.server, v.source)}${v.line ? `:${v.line}` : ''}` : '';
      tab.visit.problems.push({ message: `CSP violation: ${v.directive} blocked ${v.blocked || 'inline'}`, example: where });
    }
  }

  async axe(tab) {
    // Evaluated, not added as a <script>: the page's CSP forbids inline
    // scripts (and would report one), while evaluation from outside the page
    // is not subject to it.
    await tab.page.evaluate(`${this.axeSource}\n;0`);
    const result = await tab.page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      const ids = (list) => list.map((x) => x.id);
      return {
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({
            target: n.target.join(' '),
            html: n.html.slice(0, 160),
            summary: (n.failureSummary ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(1, 3).join(' '),
          })),
        })),
        // Why axe could not decide, per element: counted for the summary.
        incomplete: r.incomplete.flatMap((v) =>
          v.nodes.map((n) => `${v.id}: ${[...n.any, ...n.all, ...n.none].map((c) => c.message).find(Boolean) ?? v.help}`),
        ),
        passes: ids(r.passes),
        inapplicable: ids(r.inapplicable),
      };
    }, AXE_TAGS);
    const stats = this.report.stats;
    const incompleteIds = result.incomplete.map((why) => why.slice(0, why.indexOf(':')));
    for (const id of [...result.passes, ...result.violations.map((v) => v.id), ...incompleteIds]) {
      stats.axeRulesApplied.add(id);
      stats.axeRulesSelected.add(id);
    }
    for (const id of result.inapplicable) stats.axeRulesSelected.add(id);
    for (const why of result.incomplete) stats.axeIncomplete.set(why, (stats.axeIncomplete.get(why) ?? 0) + 1);
    for (const v of result.violations) {
      stats.axeViolations += 1;
      stats.axeViolationNodes += v.nodes.length;
      for (const n of v.nodes) {
        tab.visit.problems.push({
          message: `axe ${v.id} (${v.impact}): ${v.help}${n.summary ? `\n${n.summary}` : ''}`,
          example: `${n.target}: ${n.html}`,
        });
      }
    }
  }

  async noSideScroll(tab) {
    const wide = await tab.page.evaluate(() => {
      const doc = document.documentElement;
      if (doc.scrollWidth <= window.innerWidth) return null;
      // Name the widest elements that stick out, to say what to fix.
      const culprits = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 0.5 && r.width > 0) {
          const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
          culprits.push({ what: `${el.tagName.toLowerCase()}${cls}`, right: Math.round(r.right) });
        }
      }
      culprits.sort((a, b) => b.right - a.right);
      return { scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, culprits: culprits.slice(0, 3) };
    });
    if (wide) {
      const who = wide.culprits.map((c) => `${c.what} (right edge ${c.right}px)`).join(', ');
      tab.visit.problems.push(`the page scrolls sideways: ${wide.scrollWidth}px wide in a ${wide.innerWidth}px window; widest: ${who}`);
    }
  }

  async collect(tab, url, rel, entry) {
    const found = await tab.page.evaluate((refs) => {
      const links = [];
      for (const [selector, attr] of refs) {
        for (const el of document.querySelectorAll(selector)) {
          let value = el.getAttribute(attr);
          if (value === null && attr === 'href') value = el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
          if (value === null) continue;
          const values = attr === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean) : [value];
          const text = (el.textContent || el.getAttribute('alt') || el.getAttribute('rel') || '').replace(/\s+/g, ' ').trim().slice(0, 50);
          for (const v of values) {
            let abs;
            try {
              abs = new URL(v, document.baseURI).href;
            } catch {
              abs = null;
            }
            links.push({ raw: v, abs, text, tag: el.tagName.toLowerCase() });
          }
        }
      }
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      for (const a of document.querySelectorAll('a[name]')) ids.push(a.getAttribute('name'));
      return { links, ids };
    }, REFERENCES);
    for (const id of found.ids) entry.ids.add(id);
    const check = this.report.check(this.site, rel);
    const own = new URL(this.server.origin);
    for (const link of found.links) {
      if (!link.abs) {
        this.report.fail(check, `a reference that is not a URL: <${link.tag}> "${link.raw}"`);
        continue;
      }
      const u = new URL(link.abs);
      if (u.protocol === 'mailto:' || u.protocol === 'tel:') {
        this.report.stats.mailtoLinks += 1;
        continue;
      }
      if (u.protocol === 'javascript:') {
        this.report.fail(check, `a javascript: link: <${link.tag}> "${link.raw}"`);
        continue;
      }
      if (u.host !== own.host || u.protocol !== own.protocol) {
        this.report.stats.externalLinks += 1;
        continue;
      }
      const id = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
      u.hash = '';
      if (u.href === url) {
        // A link within the page (the skip link): its target must be here.
        if (id && !entry.ids.has(id)) this.report.fail(check, `link to #${id}: no element has that id`, { example: `"${link.text}"` });
        continue;
      }
      if (id) this.fragments.push({ from: rel, target: u.href, id });
      this.enqueue(u.href, rel, link.text);
    }
  }

  /** `/team-health` redirects to `/team-health/`, which serves index.html; outside the prefix is 404. */
  async rootChecks() {
    const { origin, base, prefix } = this.server;
    const root = this.report.check(this.site, `site root ${prefix}`);
    if (prefix !== '/') {
      const bare = await fetch(`${origin}${prefix.slice(0, -1)}`, { redirect: 'manual' });
      if (bare.status !== 301 || bare.headers.get('location') !== prefix) {
        this.report.fail(root, `${prefix.slice(0, -1)} returned ${bare.status}, expected a redirect to ${prefix}`);
      }
    }
    const res = await fetch(base);
    const type = res.headers.get('content-type') ?? '';
    await res.arrayBuffer();
    if (res.status !== 200 || !type.startsWith('text/html')) {
      this.report.fail(root, `${prefix} returned ${res.status} ${type}: there is no index.html (the dashboard) in the build`);
    }
    if (prefix === '/') return;
    const outside = this.report.check(this.site, `outside ${prefix} is 404`);
    for (const p of ['/', '/other/', '/index.html', '/assets/style.css', `${prefix}%2e%2e/`, `${prefix}.tandem-site`]) {
      const r = await fetch(origin + p, { redirect: 'manual' });
      await r.arrayBuffer();
      if (r.status !== 404) this.report.fail(outside, `${p} returned ${r.status}, expected 404`);
    }
  }

  /** A missing page gets the site's 404 page with status 404, and that page must work where it is served. */
  async notFoundCheck(notFoundPath) {
    const url = this.server.origin + notFoundPath;
    const check = this.report.check(this.site, `404.html served at ${notFoundPath}`);
    if (!fs.existsSync(path.join(this.root, '404.html'))) {
      this.report.fail(check, 'the build has no 404.html');
      return;
    }
    this.status.set(url, { status: 404, type: 'text/html', file: null });
    await this.checkPage(url, `404.html served at ${notFoundPath}`, check, { expect404: true });
    const title = await this.tabs[0].page.title().catch(() => '');
    if (!/not found/i.test(title)) this.report.fail(check, `a missing page did not show the 404 page (title "${title}")`);
  }

  /** metrics.json is JSON; feed.xml is XML (parsed by the page's DOMParser), both served with their types. */
  async fileChecks(tab) {
    const base = this.server.base;
    const metrics = this.report.check(this.site, 'metrics.json');
    const feed = this.report.check(this.site, 'feed.xml');
    await tab.page.goto(base + (this.opened[0]?.rel ?? ''), { waitUntil: 'load' }).catch(() => {});
    // Fetched from here: the pages' CSP (connect-src 'none') rightly stops
    // a page from fetching anything. The feed is parsed by the page's DOMParser.
    const get = async (name) => {
      const r = await fetch(base + name, { cache: 'no-store' });
      return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
    };
    const m = await get('metrics.json');
    let metricsError = null;
    try {
      JSON.parse(m.text);
    } catch (e) {
      metricsError = e.message;
    }
    const f = await get('feed.xml');
    const parsed = await tab.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const parseError = doc.querySelector('parsererror')?.textContent ?? null;
      const rootEl = doc.documentElement;
      const links = [...doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')].map((l) => l.getAttribute('href'));
      return {
        parseError,
        root: rootEl ? `${rootEl.namespaceURI} ${rootEl.localName}` : '',
        entries: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length,
        links,
      };
    }, f.text);
    const got = {
      metrics: { status: m.status, type: m.type, error: metricsError },
      feed: { status: f.status, type: f.type, ...parsed },
    };
    if (got.metrics.status !== 200) this.report.fail(metrics, `metrics.json returned ${got.metrics.status}`);
    else if (!got.metrics.type.startsWith('application/json')) this.report.fail(metrics, `metrics.json served as ${got.metrics.type}`);
    else if (got.metrics.error) this.report.fail(metrics, `metrics.json is not JSON: ${got.metrics.error}`);
    if (got.feed.status !== 200) {
      this.report.fail(feed, `feed.xml returned ${got.feed.status}: there is no feed.xml in the build`);
    } else if (got.feed.parseError) {
      this.report.fail(feed, `feed.xml is not well-formed XML: ${got.feed.parseError.trim().split('\n')[0]}`);
    } else if (got.feed.root !== 'http://www.w3.org/2005/Atom feed') {
      this.report.fail(feed, `feed.xml is not an Atom feed (root element: ${got.feed.root})`);
    } else {
      this.report.stats.feedEntries += got.feed.entries;
      // The feed's links are absolute (base URL): each internal one must load.
      const own = new URL(this.server.origin);
      for (const href of got.feed.links) {
        let u;
        try {
          u = new URL(href, base + 'feed.xml');
        } catch {
          this.report.fail(feed, `feed.xml has a link that is not a URL: ${href}`);
          continue;
        }
        if (u.host !== own.host) continue;
        u.hash = '';
        this.report.stats.feedLinks += 1;
        const s = await this.fetchStatus(u.href);
        if (s.status !== 200) this.report.fail(feed, `feed.xml links to ${this.rel(u.href)}, which returned ${s.status}`);
      }
    }
  }
}
