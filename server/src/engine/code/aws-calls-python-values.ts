// The values the Python AWS-call analysis (aws-calls-python.ts) follows by name, what the packages it
// knows stand for, and how a local import is found on disk.
import * as path from 'node:path';
import type { ResourceRef } from './aws-calls-types.js';
import { POWERTOOLS_PY, type PowertoolsCall } from './aws-calls-powertools.js';
import type { PySyntax } from './python-nodes.js';
import { dictValue, keyword } from './aws-calls-python-syntax.js';

export type Py =
  | { k: 'boto3' }
  | { k: 'session'; ownCredentials?: boolean }
  | { k: 'client'; service: string; ownCredentials?: boolean }
  | { k: 'resource'; service: string; ownCredentials?: boolean }
  | { k: 'sub'; service: string; type: 'Table' | 'Bucket' | 'Object' | 'Queue' | 'Topic'; resource?: ResourceRef }
  | { k: 'collection'; service: string; resource?: ResourceRef }
  | { k: 'os' }
  | { k: 'environ' }
  | { k: 'getenv' }
  | { k: 'env'; name: string }
  | { k: 'literal'; text: string }
  | { k: 'ptParams' }
  | { k: 'pt'; calls: PowertoolsCall[] }
  | { k: 'local'; file: string; name: string | 'all' };

export const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * The local module an import names: relative (`from .db import x`, `level` dots) from the importing
 * file's folder, absolute from the handler's folder (the code root) or the importing file's.
 */
export function resolvePythonImport(fromFile: string, codeRoot: string, dotted: string, level: number, exists: (f: string) => boolean): string | undefined {
  const parts = dotted ? dotted.split('.') : [];
  let bases: string[];
  if (level > 0) {
    let dir = path.dirname(fromFile);
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    bases = [dir];
  } else bases = [...new Set([codeRoot, path.dirname(fromFile)])];
  for (const b of bases) {
    const p = path.join(b, ...parts);
    for (const c of [p + '.py', path.join(p, '__init__.py')]) if (parts.length > 0 && exists(c)) return c;
  }
  return undefined;
}

export function pyPackageMember(module: string, name: string): Py | undefined {
  if (module === 'boto3' || module === 'boto3.session') return name === 'Session' ? { k: 'session' } : name === 'client' || name === 'resource' ? { k: 'boto3' } : undefined;
  if (module === 'os') return name === 'environ' ? { k: 'environ' } : name === 'getenv' ? { k: 'getenv' } : undefined;
  if (module === 'aws_lambda_powertools.utilities' && name === 'parameters') return { k: 'ptParams' };
  if (module.startsWith('aws_lambda_powertools.utilities.parameters') || module.startsWith('aws_lambda_powertools.utilities.idempotency')) {
    const calls = own(POWERTOOLS_PY, name);
    return calls ? { k: 'pt', calls } : undefined;
  }
  return undefined;
}

export function toRef(t: Py | undefined): ResourceRef | undefined {
  if (t?.k === 'env') return { kind: 'env', name: t.name };
  if (t?.k === 'literal') return { kind: 'literal', text: t.text };
  return undefined;
}

/** The bus put_events writes to: each entry's `EventBusName`, else the default bus; unknown when they differ. */
export function putEventsBus(args: PySyntax | null, evalP: (n: PySyntax | undefined) => Py | undefined): ResourceRef | undefined {
  const entries = keyword(args, 'Entries');
  if (entries?.type !== 'list' || entries.namedChildren.length === 0 || !entries.namedChildren.every((d) => d.type === 'dictionary')) return undefined;
  const buses = entries.namedChildren.map((d) => dictValue(d, 'EventBusName'));
  if (buses.every((b) => !b)) return { kind: 'literal', text: 'default' };
  if (!buses.every((b) => b)) return undefined;
  const refs = buses.map((b) => toRef(evalP(b)));
  return refs.every((r) => r && JSON.stringify(r) === JSON.stringify(refs[0])) ? refs[0] : undefined;
}
