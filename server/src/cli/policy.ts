// `faasguard policy [PATH] --function NAME [--format json|yaml]`: the minimal policy for one
// function, from the AWS calls its code makes, to paste into the config.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine.js';
import { DiskHost } from '../engine/host.js';
import { minimalPolicy, policyJson, policyYaml } from '../engine/iam/minimal-policy.js';
import { renderInline } from '../engine/fix/yaml-edit.js';
import { where } from '../engine/iam/least-privilege-report.js';
import { configOfFunction } from '../engine/iam/least-privilege.js';

export interface PolicyCommand {
  kind: 'policy';
  path: string;
  fn: string;
  format: 'json' | 'yaml';
  config?: string;
}

export const POLICY_USAGE = '  faasguard policy [PATH] --function NAME [--format json|yaml]';
export const POLICY_HELP = 'policy   Print the minimal IAM policy for a function, from the AWS calls its code makes.';

/** Parses the arguments after `policy`; `fail` throws the CLI's usage error. */
export function parsePolicyArgs(rest: string[], fail: (msg: string) => never): PolicyCommand {
  const out: Partial<PolicyCommand> & { kind: 'policy'; path: string; format: 'json' | 'yaml' } = { kind: 'policy', path: '.', format: 'json' };
  let sawPath = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) fail(`${flag} needs a value`);
      return v;
    };
    if (flag === '--function' || flag === '-f') out.fn = value();
    else if (flag === '--format') {
      const v = value();
      if (v !== 'json' && v !== 'yaml') fail(`--format for policy must be json or yaml, not ${v}`);
      out.format = v;
    } else if (flag === '--config') out.config = value();
    else if (a.startsWith('-')) fail(`unknown option: ${a}`);
    else if (sawPath) fail(`only one PATH (got ${out.path} and ${a})`);
    else {
      out.path = a;
      sawPath = true;
    }
  }
  if (!out.fn) fail('policy needs --function NAME (a logical id or a serverless.yml function key)');
  return out as PolicyCommand;
}

export function runPolicy(cmd: PolicyCommand, io: { out(t: string): void; err(t: string): void }): number {
  const root = path.resolve(cmd.path);
  if (!fs.existsSync(root)) {
    io.err(`faasguard: no such file or folder: ${cmd.path}\n`);
    return 2;
  }
  const folder = fs.statSync(root).isDirectory() ? root : path.dirname(root);
  const engine = new Engine({ root: folder, host: new DiskHost(), rules: [], projectConfig: cmd.config });
  engine.discover();
  const { model } = engine.model();
  const matches = model.functions.filter((f) => f.id === cmd.fn || f.name === cmd.fn);
  if (matches.length !== 1) {
    const known = model.functions.map((f) => f.id).sort();
    io.err(`faasguard: ${matches.length === 0 ? 'no function' : 'more than one function'} named ${cmd.fn} in ${cmd.path}${known.length ? ` (functions: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''})` : ''}\n`);
    return 2;
  }
  const load = (f: string) => (engine.isInRoot(f) ? engine.loadCode(f) : undefined);
  const p = minimalPolicy(model, matches[0], load);
  io.out(cmd.format === 'json' ? JSON.stringify(policyJson(p), null, 2) + '\n' : policyYaml(p, (o) => renderInline(o, false)));
  const config = configOfFunction(model, matches[0]);
  for (const u of p.unresolved) io.err(`faasguard: not every call is known: ${u.reason} (${where(u.span, config, load)})\n`);
  if (p.unscoped.length) io.err(`faasguard: the resource of ${p.unscoped.join(', ')} could not be resolved: granted on '*'; name it in the function's environment to scope it\n`);
  io.err(`faasguard: ${p.statements.reduce((n, s) => n + s.actions.length, 0)} action(s) in ${p.statements.length} statement(s) for ${matches[0].id}; the framework adds the log permissions of the function, and its triggers' own\n`);
  return 0;
}
