// What the suite found: named checks (a page of a site, or a site-level
// check such as "feed.xml"), each passed or failed with its failures, and the
// figures printed at the end. Failures that repeat across pages (a missing
// page every page links to, one axe rule on a shared element) print once,
// with the pages they were seen on.

export class Report {
  constructor() {
    /** @type {Map<string, { site: string, name: string, failures: object[] }>} */
    this.checks = new Map();
    this.notes = [];
    this.stats = {
      sites: 0,
      pagesOpened: 0,
      pageLoads: 0,
      axeRulesSelected: new Set(),
      axeRulesApplied: new Set(),
      axeViolations: 0,
      axeViolationNodes: 0,
      axeIncomplete: new Map(),
      feedEntries: 0,
      feedLinks: 0,
      externalLinks: 0,
      mailtoLinks: 0,
      blockedRequests: 0,
      cspViolations: 0,
      consoleWarnings: 0,
      validatorErrors: 0,
      validatorWarnings: 0,
      validatedFiles: 0,
    };
  }

  /** The check named `name` in `site`, created passing on first use. */
  check(site, name) {
    const key = `${site}\u0000${name}`;
    if (!this.checks.has(key)) this.checks.set(key, { site, name, failures: [] });
    return this.checks.get(key);
  }

  /**
   * Fails `check`. `message` says what is wrong without naming the page, so
   * that the same failure on many pages prints once; `mode` is the browser
   * mode it was seen in, if any; `example` one instance (an element, a line).
   */
  fail(check, message, { mode = '', example = '', where = '' } = {}) {
    check.failures.push({ message, mode, example, where: where || check.name });
  }

  /** A line printed after the failures, not a failure. */
  note(text) {
    this.notes.push(text);
  }

  counts() {
    let passed = 0;
    let failed = 0;
    for (const c of this.checks.values()) {
      if (c.failures.length) failed += 1;
      else passed += 1;
    }
    return { passed, failed };
  }

  /** The failures, grouped by site and message, as printable lines. */
  failureLines(maxWhere = 6) {
    const groups = new Map();
    for (const c of this.checks.values()) {
      for (const f of c.failures) {
        const key = `${c.site}\u0000${f.message}`;
        if (!groups.has(key)) groups.set(key, { site: c.site, message: f.message, example: f.example, where: new Map() });
        const g = groups.get(key);
        if (!g.where.has(f.where)) g.where.set(f.where, new Set());
        if (f.mode) g.where.get(f.where).add(f.mode);
      }
    }
    const lines = [];
    for (const g of groups.values()) {
      const [first, ...rest] = g.message.split('\n');
      lines.push(`FAIL [${g.site}] ${first}`);
      for (const r of rest) lines.push(`       ${r}`);
      if (g.example) lines.push(`       e.g. ${g.example}`);
      const modeSets = [...g.where.values()];
      const sameModes = modeSets.every((m) => [...m].join() === [...modeSets[0]].join());
      const where = [...g.where].map(([w, modes]) => (sameModes || !modes.size ? w : `${w} [${ordered(modes)}]`));
      const shown = where.slice(0, maxWhere);
      const more = where.length - shown.length;
      const label = where.length === 1 ? 'on' : `on ${where.length}:`;
      const modes = sameModes && modeSets[0].size ? ` [${ordered(modeSets[0])}]` : '';
      lines.push(`       ${label} ${shown.join(', ')}${more > 0 ? `, … and ${more} more` : ''}${modes}`);
    }
    return lines;
  }
}

/** Browser modes in a stable order: light before dark, wide before narrow. */
function ordered(modes) {
  const rank = (m) => (m.startsWith('light') ? 0 : 1) + (m.endsWith('390') ? 2 : 0);
  return [...modes].sort((a, b) => rank(a) - rank(b)).join(', ');
}
