// The W3C Nu HTML checker (the npm package vnu-jar, a current build) over
// every HTML file of every site, in one JVM run: starting Java is the slow
// part. Errors (and fatal errors) fail the page; warnings are counted.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs vnu.jar on `files` (absolute paths). Resolves to
 * `{ messages: Map<file, [{ type, line, column, message, extract }]>, errors, warnings, problem }`;
 * `problem` is set when the checker itself could not run or said nothing
 * readable.
 */
export async function validate(jar, files) {
  const result = { messages: new Map(), errors: 0, warnings: 0, problem: null };
  if (files.length === 0) return result;
  // --format json writes the report to standard error; --exit-zero-always so
  // that a non-zero exit means the checker itself failed.
  const args = ['-Xss8m', '-jar', jar, '--format', 'json', '--exit-zero-always', '--skip-non-html', ...files];
  const { code, stdout, stderr, error } = await run('java', args);
  if (error) {
    result.problem = `cannot run java: ${error.message}`;
    return result;
  }
  let report;
  try {
    report = JSON.parse(stderr);
  } catch {
    result.problem = `the validator exited with ${code} and no JSON report:\n${(stderr || stdout).trim().slice(0, 2000)}`;
    return result;
  }
  for (const m of report.messages ?? []) {
    const file = m.url?.startsWith('file:') ? fileURLToPath(m.url) : (m.url ?? '(unknown file)');
    // Nu reports warnings as type "info" with subType "warning"; plain info is noise.
    const type = m.type === 'info' ? (m.subType === 'warning' ? 'warning' : 'info') : m.type;
    if (type === 'info') continue;
    if (type === 'warning') result.warnings += 1;
    else result.errors += 1;
    if (!result.messages.has(file)) result.messages.set(file, []);
    result.messages.get(file).push({
      type: type === 'non-document-error' ? 'error' : type,
      line: m.lastLine ?? m.firstLine ?? 0,
      column: m.firstColumn ?? m.lastColumn ?? 0,
      message: m.message,
      extract: (m.extract ?? '').replace(/\s+/g, ' ').trim(),
    });
  }
  return result;
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (error) => resolve({ code: null, stdout, stderr, error }));
    child.on('close', (code) => resolve({ code, stdout, stderr, error: null }));
  });
}
