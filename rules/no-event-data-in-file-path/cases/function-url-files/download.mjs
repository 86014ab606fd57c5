import { readFile } from 'node:fs/promises';
import { createReadStream, promises as fsp } from 'node:fs';
import fse from 'fs-extra';
import path from 'node:path';

const ROOT = '/var/task/public';

export const handler = async (event) => {
  const name = event.queryStringParameters?.file ?? 'index.html';
  // ruleid: no-event-data-in-file-path
  const page = await readFile(path.join(ROOT, name), 'utf8');
  // ok: no-event-data-in-file-path
  const about = await readFile(path.join(ROOT, 'about.html'), 'utf8');
  // ruleid: no-event-data-in-file-path
  const stats = await fsp.stat(ROOT + '/' + event.rawPath);
  // ruleid: no-event-data-in-file-path
  createReadStream(path.resolve(ROOT, event.headers['x-asset']));
  // ruleid: no-event-data-in-file-path
  await fse.copy(`${ROOT}/${name}`, '/tmp/copy');
  // The caller's address is set by Lambda, not chosen by the caller.
  // ok: no-event-data-in-file-path
  await fse.ensureDir(path.join('/tmp/clients', event.requestContext.http.sourceIp));
  const id = Number.parseInt(event.queryStringParameters?.id ?? '0', 10);
  // ok: no-event-data-in-file-path
  await fse.remove(path.join('/tmp', `${id}.json`));
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: page + about + stats.size };
};
