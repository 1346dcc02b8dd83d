// A tiny static server for a built site, as GitHub Pages serves a project
// site: everything under one sub-path (`/team-health/`), `index.html` for a
// folder, a 301 from `/team-health` and `/team-health/notes` to the slash
// form, and the site's own `404.html` (status 404) for anything else,
// including every path outside the prefix. It never serves a file outside
// the output folder: the decoded path is normalised, checked for `..` and
// NUL, and the real path (symlinks resolved) must stay inside the folder.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const PREFIX = '/team-health/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // GitHub Pages serves .xml as application/xml; a feed reader does not mind.
  '.xml': 'application/xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** The content type the server sends for a file name. */
export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file in `root`, or says why it cannot.
 * Returns `{ file }`, `{ redirect }` or `{ missing: reason }`.
 */
export function resolve(root, urlPath, prefix = PREFIX) {
  const realRoot = fs.realpathSync(root);
  if (prefix !== '/' && urlPath === prefix.slice(0, -1)) return { redirect: prefix };
  if (!urlPath.startsWith(prefix)) return { missing: 'outside the site prefix' };
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(prefix.length));
  } catch {
    return { missing: 'bad percent-encoding' };
  }
  if (rel.includes('\0') || rel.includes('\\')) return { missing: 'forbidden character' };
  const segments = rel.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { missing: 'dot segment' };
  if (segments.some((s) => s.startsWith('.') && s !== '')) return { missing: 'hidden file' };
  let file = path.join(realRoot, ...segments);
  let stat = statOrNull(file);
  if (stat?.isDirectory()) {
    if (!rel.endsWith('/') && rel !== '') return { redirect: `${urlPath}/` };
    file = path.join(file, 'index.html');
    stat = statOrNull(file);
  }
  if (!stat?.isFile()) return { missing: 'no such file' };
  const real = fs.realpathSync(file);
  if (!real.startsWith(realRoot + path.sep)) return { missing: 'outside the output folder' };
  return { file: real };
}

function statOrNull(file) {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/**
 * Serves `root` on 127.0.0.1 at an ephemeral port, under `prefix` (a project
 * path by default; `/` for a site at a domain's root, as a site built without
 * `--base-url` is previewed). Resolves to `{ origin, base, prefix, log, close }`;
 * `log` holds every request as `{ method, path, status }`.
 */
export async function serve(root, prefix = PREFIX) {
  const log = [];
  const notFound = path.join(root, '404.html');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status, headers, body) => {
      log.push({ method: req.method, path: url.pathname, status });
      res.writeHead(status, {
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'method not allowed\n');
      return;
    }
    const found = resolve(root, url.pathname, prefix);
    if (found.redirect) {
      send(301, { location: found.redirect + url.search, 'content-type': 'text/plain' }, 'moved\n');
    } else if (found.file) {
      send(200, { 'content-type': contentType(found.file) }, fs.readFileSync(found.file));
    } else {
      const body = fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found\n';
      send(404, { 'content-type': 'text/html; charset=utf-8' }, body);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: `${origin}${prefix}`,
    prefix,
    log,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
