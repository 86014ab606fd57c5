// `cdk.out/*.template.json`: the CloudFormation a CDK app synthesized, read as a template of its own
// (it holds what the static reader may miss: every grant expanded, the defaults of every construct).
// Its findings are moved to the construct that created the resource, through the resource's
// `aws:cdk:path` metadata (`Stack/Api/Handler/ServiceRole/Resource` is the construct `Api/Handler`,
// or the nearest construct above it that the reader knows), so that a risk is reported once, in
// the source: a finding the static reader already made for that construct and rule is dropped.
// The template's own edits are dropped too (they would change a generated file).
import type { AppModel, ConfigModel, ResourceModel } from './types.js';
import type { Finding } from '../types.js';
import { constructRanges } from './cdk.js';

function contains(r: ResourceModel, file: string, offset: number): boolean {
  const s = r.val.span;
  return s.file === file && s.start <= offset && offset < s.end;
}

/** The construct of the CDK app a template resource belongs to, from its `aws:cdk:path`. */
function constructOf(path: string | undefined, app: ConfigModel): ResourceModel | undefined {
  if (!path) return undefined;
  const parts = path.split('/').slice(1); // drop the stack
  const byId = new Map(app.resources.map((r) => [r.id, r]));
  for (let n = parts.length; n > 0; n--) {
    const hit = byId.get(parts.slice(0, n).join('/'));
    if (hit) return hit;
  }
  return undefined;
}

export function relocateGenerated(findings: Finding[], model: AppModel): Finding[] {
  const generated = model.configs.filter((c) => c.generatedBy);
  if (generated.length === 0) return findings;
  const apps = model.configs.filter((c) => c.format === 'cdk');
  // What the static reader reported, by rule and construct.
  const reported = new Set<string>();
  for (const f of findings) {
    for (const app of apps) {
      for (const r of constructRanges(app)) {
        if (r.file === f.span.file && r.start <= f.span.start && f.span.start < r.end) reported.add(`${f.ruleId}|${app.file}|${r.id}`);
      }
    }
  }
  const out: Finding[] = [];
  for (const f of findings) {
    const template = generated.find((c) => c.file === f.span.file);
    if (!template) {
      out.push(f);
      continue;
    }
    const app = apps.find((a) => a.file === template.generatedBy);
    const res = template.resources.find((r) => contains(r, f.span.file, f.span.start));
    const target = app ? constructOf(res?.val.get('Metadata')?.get('aws:cdk:path')?.str(), app) : undefined;
    if (!app || !target) continue; // not a resource this app's source defines (a CDK-internal helper)
    if (reported.has(`${f.ruleId}|${app.file}|${target.id}`)) continue;
    const rel = template.file.split(/[\\/]/).slice(-2).join('/');
    reported.add(`${f.ruleId}|${app.file}|${target.id}`);
    out.push({ ...f, span: target.keySpan, fixes: undefined, message: `${f.message} (in the synthesized template ${rel}, resource ${res!.id})` });
  }
  return out;
}
