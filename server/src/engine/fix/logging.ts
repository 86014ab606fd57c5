// Shared pieces of the logging quick fixes: the retention period they write (chosen here, once), the
// access log formats, and adding a resource (a log group) to a template or to serverless.yml's
// `resources.Resources`, in the file's own style.
import type { Val } from '../config/val.js';
import type { ConfigFormat } from '../model/types.js';
import type { TextEdit } from '../types.js';
import { ensurePath, insertEntry, insertEntryBefore, str, type Out } from './yaml-edit.js';

/** Days a log group keeps its events, in every fix that writes a retention. */
export const RETENTION_DAYS = 30;

export const retention = (): Out => ({ raw: String(RETENTION_DAYS) });

const fields = (extra: [string, string][]) =>
  '{' + [['requestId', '$context.requestId'], ['ip', '$context.identity.sourceIp'], ['requestTime', '$context.requestTime'], ...extra, ['status', '$context.status']]
    .map(([k, v]) => `"${k}":"${v}"`).join(',') + '}';

/** One JSON line per request: who called what, when, and what came back. */
export const ACCESS_LOG_FORMAT = {
  rest: fields([['httpMethod', '$context.httpMethod'], ['resourcePath', '$context.resourcePath'], ['protocol', '$context.protocol'], ['responseLength', '$context.responseLength']]),
  http: fields([['routeKey', '$context.routeKey'], ['protocol', '$context.protocol'], ['responseLength', '$context.responseLength']]),
  websocket: fields([['eventType', '$context.eventType'], ['routeKey', '$context.routeKey'], ['connectionId', '$context.connectionId']]),
};

/** An `AWS::Logs::LogGroup` resource with a retention period (and a name, when given). */
export function logGroupResource(name?: Out, days = RETENTION_DAYS): Out {
  const props: [string, Out][] = name ? [['LogGroupName', name]] : [];
  props.push(['RetentionInDays', { raw: String(days) }]);
  return { map: [['Type', str('AWS::Logs::LogGroup')], ['Properties', { map: props }]] };
}

/** `base`, or `base2`, `base3`... so that a new logical id does not clash with an existing one. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const ids = new Set(taken);
  if (!ids.has(base)) return base;
  for (let i = 2; ; i++) if (!ids.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * Adds a resource: to `Resources` (SAM/CloudFormation) or `resources.Resources` (serverless.yml,
 * also when that map sits in an included file), creating the parent keys when missing. With
 * `before`, the new resource goes just above that one (the resource it serves), else at the end.
 */
export function addResource(root: Val, format: ConfigFormat, id: string, body: Out, before?: string): TextEdit | undefined {
  const put = (res: Val) => (before && insertEntryBefore(res, before, id, body)) || insertEntry(res, id, body);
  if (format !== 'serverless') {
    const res = root.get('Resources');
    if (res?.kind === 'map') return put(res);
    return res ? undefined : ensurePath(root, ['Resources', id], body);
  }
  const resources = root.get('resources');
  if (!resources) return ensurePath(root, ['resources', 'Resources', id], body);
  const parts = resources.kind === 'seq' ? resources.items() : [resources];
  const withResources = parts.find((p) => p.get('Resources')?.kind === 'map' && (!before || p.get('Resources')!.get(before))) ?? parts.find((p) => p.get('Resources')?.kind === 'map');
  if (withResources) return put(withResources.get('Resources')!);
  return resources.kind === 'map' ? ensurePath(resources, ['Resources', id], body) : undefined;
}
