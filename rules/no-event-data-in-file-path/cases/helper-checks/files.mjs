import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = '/var/task/public';
const ALLOWED = new Set(['index.html', 'about.html']);

function isInside(p) {
  return p.startsWith(ROOT + path.sep);
}

const assertInside = (p) => {
  if (!p.startsWith(ROOT + path.sep) || p.includes('\0')) {
    throw new Error('outside the public folder');
  }
};

function logOnly(p) {
  if (!p.startsWith(ROOT)) return;
}

/** The path under ROOT that `name` names; throws on `../`. */
function safePath(name) {
  const resolved = path.resolve(ROOT, name);
  if (!resolved.startsWith(ROOT + path.sep) && resolved !== ROOT) {
    throw new Error(`outside the public folder: ${name}`);
  }
  return resolved;
}

function leakyPath(name, debug) {
  const resolved = path.resolve(ROOT, name);
  if (!resolved.startsWith(ROOT + path.sep) && !debug) throw new Error('outside the public folder');
  return resolved;
}

function notAPathCheck(p) {
  return p.length > 0;
}

export const handler = async (event) => {
  const name = event.queryStringParameters?.file ?? 'index.html';

  const resolved = path.resolve(ROOT, name);
  if (!resolved.startsWith(ROOT + path.sep) || resolved.includes('\0')) throw new Error('bad path');
  // ok: no-event-data-in-file-path
  const a = await readFile(resolved, 'utf8');

  const normal = path.normalize(path.join(ROOT, name));
  if (!isInside(normal)) return { statusCode: 403 };
  // ok: no-event-data-in-file-path
  const b = await readFile(normal, 'utf8');

  const checked = path.resolve(ROOT, name);
  assertInside(checked);
  // ok: no-event-data-in-file-path
  const c = await readFile(checked, 'utf8');

  const allowed = ALLOWED.has(name);
  if (!allowed) return { statusCode: 404 };
  // ok: no-event-data-in-file-path
  const d = await readFile(ROOT + '/' + name, 'utf8');

  const flat = event.queryStringParameters?.report.replace(/\//g, '_');
  // ok: no-event-data-in-file-path
  await writeFile(`/tmp/reports/${flat}.json`, '{}');
  // ok: no-event-data-in-file-path
  await writeFile(path.join('/tmp/reports', event.queryStringParameters?.other.replaceAll('/', '-')), '{}');

  // ok: no-event-data-in-file-path
  await readFile(safePath(event.queryStringParameters?.e), 'utf8');
  // With debug on, the check is skipped.
  // ruleid: no-event-data-in-file-path
  await readFile(leakyPath(event.queryStringParameters?.f, true), 'utf8');

  // The helper returns on a failed check instead of throwing: the caller goes on either way.
  const unchecked = path.resolve(ROOT, event.queryStringParameters?.a);
  logOnly(unchecked);
  // ruleid: no-event-data-in-file-path
  await readFile(unchecked, 'utf8');

  const raw = event.queryStringParameters?.b;
  if (!isInside(raw)) return { statusCode: 403 };
  // A prefix check on a path that was never resolved does not contain `../`.
  // ruleid: no-event-data-in-file-path
  await readFile(raw, 'utf8');

  const notChecked = event.queryStringParameters?.c;
  const ok = notAPathCheck(notChecked);
  if (!ok) return { statusCode: 400 };
  // ruleid: no-event-data-in-file-path
  await readFile(ROOT + '/' + notChecked, 'utf8');

  // The checked name is replaced after the check: the stored result says nothing about the new one.
  let picked = event.queryStringParameters?.g;
  const known = ALLOWED.has(picked);
  picked = event.queryStringParameters?.h;
  if (!known) return { statusCode: 404 };
  // ruleid: no-event-data-in-file-path
  await readFile(ROOT + '/' + picked, 'utf8');

  // Only the first `/` is replaced.
  const once = event.queryStringParameters?.d.replace('/', '_');
  // ruleid: no-event-data-in-file-path
  await readFile(ROOT + '/' + once, 'utf8');

  return { statusCode: 200, body: a + b + c + d };
};
