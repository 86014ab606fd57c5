// `faasguard`: argv -> engine -> formatter. Exit codes: 0 nothing at or above --fail-on,
// 1 findings at or above it, 2 usage error or missing path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine.js';
import { DiskHost } from '../engine/host.js';
import { ENGINE_CODES, SEVERITIES, type Severity } from '../engine/types.js';
import { allRules } from '../../../rules/index.js';
import { parseArgs, USAGE, UsageError, type Command } from './args.js';
import { formatJson, formatText, summarise } from '../report/format.js';
import { locate } from '../report/locate.js';
import { Locator } from '../report/ranges.js';
import { automationIdFor, toSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { loadParsers } from '../engine/util/tree-sitter.js';
import { runPolicy } from './policy.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

export function runScan(cmd: Extract<Command, { kind: 'scan' }>, io: Io): number {
  const root = path.resolve(cmd.path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    io.err(`faasguard: no such file or folder: ${cmd.path}\n`);
    return 2;
  }
  if (cmd.config && !fs.existsSync(cmd.config)) {
    io.err(`faasguard: config file not found: ${cmd.config}\n`);
    return 2;
  }
  // A single file: scan its folder, report that file.
  const folder = stat.isDirectory() ? root : path.dirname(root);
  const host = new DiskHost();
  const engine = new Engine({ root: folder, host, rules: allRules, projectConfig: cmd.config });
  let results = engine.analyzeWorkspace().results;
  if (!stat.isDirectory()) results = new Map([...results].filter(([f]) => f === root));
  const loc = new Locator(folder, (f) => host.readFile(f), (f) => engine.linesOf(f));
  const all = locate(loc, results);
  // A note that a file was skipped as a library copy, a bundle or generated code is for the editor
  // and the machine-readable formats, not for the default text report (and it never fails a build).
  const items = cmd.format === 'text' ? all.filter((i) => i.finding.ruleId !== ENGINE_CODES.notHandlerCode) : all;
  const fileCount = engine.knownFiles.length;
  let text: string;
  if (cmd.format === 'sarif') {
    // The scanned folder as given, when relative (`scan services/orders` in a CI checkout), so that
    // one scan per service folder gets its own category; given as an absolute path or outside the
    // current folder, it goes by its name (as the editor's export names a workspace folder).
    const given = path.normalize(stat.isDirectory() ? cmd.path : path.dirname(cmd.path));
    const outside = path.isAbsolute(given) || given === '..' || given.startsWith('..' + path.sep);
    const id = automationIdFor(outside ? path.basename(folder) : given);
    text = JSON.stringify(toSarif(allRules, items, loc, VERSION, { automationId: id, notices: engine.notices }), null, 2) + '\n';
  }
  else if (cmd.format === 'json') text = formatJson(items, loc) + '\n';
  else {
    const body = formatText(items);
    text = body ? body + '\n' : '';
  }
  if (cmd.output) {
    fs.mkdirSync(path.dirname(path.resolve(cmd.output)), { recursive: true });
    fs.writeFileSync(cmd.output, text);
    io.err(`faasguard: wrote ${cmd.format} report to ${cmd.output}\n`);
  } else io.out(text);
  io.err(`faasguard: ${summarise(items, fileCount)}\n`);
  for (const n of engine.notices) io.err(`faasguard: note: ${n}\n`);
  if (cmd.failOn === 'none') return 0;
  const failing = items.some((i) => !i.finding.suppressed && i.finding.ruleId !== ENGINE_CODES.notHandlerCode && atOrAbove(i.finding.severity, cmd.failOn as Severity));
  return failing ? 1 : 0;
}

function listRules(format: 'text' | 'json', io: Io): number {
  if (format === 'json') {
    io.out(JSON.stringify(allRules.map((r) => ({ id: r.id, ...r.meta })), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.id.length));
  for (const r of allRules) io.out(`${r.id.padEnd(width)}  ${r.meta.category.padEnd(16)}  ${r.meta.severity.padEnd(7)}  ${r.meta.title}\n`);
  return 0;
}

/** What the CLI starts but does not hold: the language server (the entry point passes it in, so the CLI does not import lsp/). */
export interface Services {
  startLanguageServer?(): Promise<void>;
}

export async function main(argv: string[], io: Io = stdio, services: Services = {}): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`faasguard: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  switch (cmd.kind) {
    case 'help':
      io.out(USAGE + '\n');
      return 0;
    case 'version':
      io.out(VERSION + '\n');
      return 0;
    case 'rules':
      return listRules(cmd.format, io);
    case 'lsp': {
      if (!services.startLanguageServer) {
        io.err('faasguard: this build has no language server\n');
        return 2;
      }
      await services.startLanguageServer();
      return -1; // keeps running until the client asks it to exit
    }
    case 'scan':
      await loadParsers();
      return runScan(cmd, io);
    case 'policy':
      await loadParsers();
      return runPolicy(cmd, io);
  }
}
