// Command-line parsing for `faasguard`. No dependency: the grammar is small.
import { SEVERITIES, type Severity } from '../engine/types.js';
import { parsePolicyArgs, POLICY_HELP, POLICY_USAGE, type PolicyCommand } from './policy.js';
import { badLspOption } from './lsp-args.js';

export type Format = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export type Command =
  | { kind: 'scan'; path: string; format: Format; output?: string; failOn: FailOn; config?: string }
  | { kind: 'lsp' }
  | { kind: 'rules'; format: 'text' | 'json' }
  | PolicyCommand
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage:
  faasguard scan [PATH] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|info|none] [--config FILE]
  faasguard rules [--format text|json]
${POLICY_USAGE}
  faasguard lsp --stdio
  faasguard --version | --help

scan     Scan a serverless project (default: the current folder).
         Exit code 0: nothing at or above --fail-on (default: warning); 1: findings; 2: usage error.
rules    List the rules.
${POLICY_HELP}
lsp      Run the language server over stdio, for any LSP editor.`;

function takeValue(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

export function parseArgs(argv: string[]): Command {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  const [cmd, ...rest] = argv;
  if (cmd === 'lsp') {
    const bad = badLspOption(rest);
    if (bad !== undefined) throw new UsageError(`unknown option for lsp: ${bad} (the server speaks over --stdio)`);
    return { kind: 'lsp' };
  }
  if (cmd === 'rules') {
    let format: 'text' | 'json' = 'text';
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--format') {
        const v = takeValue(rest, i++, '--format');
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format for rules must be text or json, not ${v}`);
        format = v;
      } else throw new UsageError(`unknown option: ${rest[i]}`);
    }
    return { kind: 'rules', format };
  }
  if (cmd === 'policy') return parsePolicyArgs(rest, (msg) => {
    throw new UsageError(msg);
  });
  if (cmd !== 'scan') throw new UsageError(`unknown command: ${cmd}`);
  const out: Extract<Command, { kind: 'scan' }> = { kind: 'scan', path: '.', format: 'text', failOn: 'warning' };
  let sawPath = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => (inline !== undefined ? inline : takeValue(rest, i++, flag));
    switch (flag) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not ${v}`);
        out.format = v;
        break;
      }
      case '--output':
      case '-o':
        out.output = value();
        break;
      case '--fail-on': {
        const v = value();
        if (v !== 'none' && !(SEVERITIES as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be error, warning, info or none, not ${v}`);
        out.failOn = v as FailOn;
        break;
      }
      case '--config':
        out.config = value();
        break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option: ${a}`);
        if (sawPath) throw new UsageError(`only one PATH can be scanned (got ${out.path} and ${a})`);
        out.path = a;
        sawPath = true;
    }
  }
  return out;
}
