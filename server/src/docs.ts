// Where each rule's documentation lives: rules/<id>/README.md, shipped with the CLI and the
// extension. Found relative to this module, in the bundle (dist/) and in the compiled tree (out/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let rulesDir: string | undefined;

export function findRulesDir(): string | undefined {
  if (rulesDir !== undefined) return rulesDir || undefined;
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'rules');
    if (fs.existsSync(path.join(candidate, 'no-event-data-in-shell', 'README.md'))) return (rulesDir = candidate);
  }
  rulesDir = '';
  return undefined;
}

export function ruleDocPath(ruleId: string): string | undefined {
  const dir = findRulesDir();
  const p = dir ? path.join(dir, ruleId, 'README.md') : undefined;
  return p && fs.existsSync(p) ? p : undefined;
}

/** A link to the rule's docs: the README shipped beside the tool. */
export function ruleDocUri(ruleId: string): string | undefined {
  // Asked for every diagnostic: the docs shipped with the tool do not move while it runs.
  if (docUris.has(ruleId)) return docUris.get(ruleId);
  const p = ruleDocPath(ruleId);
  const uri = p ? pathToFileURL(p).href : undefined;
  docUris.set(ruleId, uri);
  return uri;
}

const docUris = new Map<string, string | undefined>();

export function ruleDocMarkdown(ruleId: string): string | undefined {
  const p = ruleDocPath(ruleId);
  return p ? fs.readFileSync(p, 'utf8') : undefined;
}
