// Loading and checking rule cases. A case is a file in rules/<id>/cases/, or a folder there holding
// a small workspace. Lines are labelled by a comment above them:
//   # ruleid: <id>   (YAML, Python)   // ruleid: <id>   (JS/TS, and JSON cases)
//   # ok: <id>                          // ok: <id>
// A label covers the next line that is not a comment. `<file>.fixed` is the file after applying
// the preferred fix of every finding; `<file>.<fix-id>.fixed` after applying the fixes of that kind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Rule } from '../server/src/engine/rule.js';
import type { Finding, Fix, TextEdit } from '../server/src/engine/types.js';
import { LineIndex } from '../server/src/engine/util/lines.js';

export const CASE_ROOT = '/case';

export interface CaseFile {
  rel: string;
  /** The text the engine sees (JSON comment lines blanked, offsets kept). */
  text: string;
  /** The text on disk, labels included. */
  original: string;
  labels: { line: number; kind: 'ruleid' | 'ok'; rule: string }[];
}

export interface LoadedCase {
  name: string;
  files: CaseFile[];
  fixed: { rel: string; fixId: string | undefined; text: string }[];
}

const LABEL = /^\s*(?:#|\/\/)\s*(ruleid|ok):\s*([a-z0-9-]+)\s*$/;

function isComment(line: string): boolean {
  const t = line.trim();
  return t.startsWith('#') || t.startsWith('//');
}

export function parseLabels(text: string): CaseFile['labels'] {
  const lines = text.split(/\r?\n/);
  const out: CaseFile['labels'] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = LABEL.exec(lines[i]);
    if (!m) continue;
    let target = i + 1;
    while (target < lines.length && (isComment(lines[target]) || lines[target].trim() === '')) target++;
    out.push({ line: target, kind: m[1] as 'ruleid' | 'ok', rule: m[2] });
  }
  return out;
}

/**
 * JSON has no comments: label lines are blanked with spaces, so every offset stays the same. In
 * Terraform files the label lines are blanked too, so that a label can sit inside a heredoc that
 * holds JSON (elsewhere in HCL a blank line and a comment line are the same).
 */
function engineText(rel: string, text: string): string {
  if (rel.endsWith('.tf')) return text.replace(/^[^\S\n]*(?:#|\/\/)[^\S\n]*(?:ruleid|ok):[^\S\n]*[a-z0-9-]+[^\S\n]*$/gm, (m) => ' '.repeat(m.length));
  if (!rel.endsWith('.json')) return text;
  return text.replace(/^[ \t]*\/\/[^\n]*$/gm, (m) => ' '.repeat(m.length));
}

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function loadCases(casesDir: string): LoadedCase[] {
  if (!fs.existsSync(casesDir)) return [];
  const out: LoadedCase[] = [];
  const entries = fs.readdirSync(casesDir, { withFileTypes: true });
  const group = (name: string, rels: string[], dir: string): LoadedCase => {
    const c: LoadedCase = { name, files: [], fixed: [] };
    for (const rel of rels) {
      const original = fs.readFileSync(path.join(dir, rel), 'utf8');
      const fm = /^(.*?)(?:\.([a-z0-9-]+))?\.fixed$/.exec(rel);
      if (fm) {
        // `x.yml.fixed` or `x.yml.<fix-id>.fixed`
        const known = rels.includes(fm[1]) ? { target: fm[1], fixId: fm[2] } : rels.includes(`${fm[1]}.${fm[2]}`) ? { target: `${fm[1]}.${fm[2]}`, fixId: undefined } : undefined;
        if (!known) throw new Error(`${name}: ${rel} fixes no file of the case`);
        c.fixed.push({ rel: known.target, fixId: known.fixId, text: original });
        continue;
      }
      c.files.push({ rel, text: engineText(rel, original), original, labels: parseLabels(original) });
    }
    return c;
  };
  const loose = entries.filter((e) => e.isFile()).map((e) => e.name);
  const bases = loose.filter((n) => !n.endsWith('.fixed'));
  for (const b of bases) out.push(group(b, [b, ...loose.filter((n) => n.startsWith(b + '.') && n.endsWith('.fixed'))], casesDir));
  for (const e of entries.filter((x) => x.isDirectory())) {
    const dir = path.join(casesDir, e.name);
    out.push(group(e.name, walk(dir), dir));
  }
  return out;
}

export function runCase(rule: Rule, c: LoadedCase, allRules: readonly Rule[]): { findings: Finding[]; engine: Engine } {
  const files = new Map(c.files.map((f) => [`${CASE_ROOT}/${f.rel}`, f.text]));
  const engine = new Engine({ root: CASE_ROOT, host: new MemoryHost(files), rules: allRules.filter((r) => r.id === rule.id) });
  const { results } = engine.analyzeWorkspace();
  const findings = [...results.values()].flat().filter((f) => f.ruleId === rule.id);
  return { findings, engine };
}

export function lineOf(c: LoadedCase, f: Finding): { rel: string; line: number } {
  const rel = f.span.file.slice(CASE_ROOT.length + 1);
  const file = c.files.find((x) => x.rel === rel);
  const line = file ? new LineIndex(file.text).positionAt(f.span.start).line : -1;
  return { rel, line };
}

/** Applies edits to texts (per file, from the end), ignoring exact duplicates. */
export function applyEdits(texts: Map<string, string>, edits: TextEdit[]): Map<string, string> {
  const out = new Map(texts);
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byFile.get(e.file) ?? [];
    if (!list.some((x) => x.start === e.start && x.end === e.end && x.newText === e.newText)) list.push(e);
    byFile.set(e.file, list);
  }
  for (const [file, list] of byFile) {
    let text = out.get(file);
    if (text === undefined) throw new Error(`edit to unknown file ${file}`);
    list.sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < list.length; i++) {
      if (list[i].end > list[i - 1].start && !(list[i].start === list[i].end && list[i - 1].start === list[i - 1].end)) throw new Error(`overlapping edits in ${file}`);
    }
    for (const e of list) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out.set(file, text);
  }
  return out;
}

/** The fix a `.fixed` file is about: the given kind, or each finding's preferred (else first) fix. */
export function chooseFix(f: Finding, fixId: string | undefined): Fix | undefined {
  const fixes = (f.fixes ?? []).filter((x) => x.id !== 'ignore');
  if (fixId) return fixes.find((x) => x.id === fixId);
  return fixes.find((x) => x.isPreferred) ?? fixes[0];
}
