// The seeded fuzzer of issue 9: mutations of the example app's files and of the rule cases (byte
// flips, truncation, duplicated and deleted lines, indentation shifts, deep nesting, long lines,
// YAML anchors, tags and merge keys, BOM/CRLF/NUL, odd `${...}` variables and `${file()}` targets),
// analysed next to the example app (the canary) by one engine whose caches persist, as in the
// editor. Used by test/fuzz.test.ts (bounded, in `npm test`) and scripts/fuzz.mjs (`--count N`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Finding } from '../server/src/engine/types.js';
import { fileRole } from '../server/src/engine/workspace.js';
import { allRules } from '../rules/index.js';

const REPO = path.join(__dirname, '..', '..');
export const WS = '/fuzz-ws';

/** mulberry32: a small seeded generator, so that a failing input can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f, out);
    else if (e.isFile() && fileRole(f)) out.push(f);
  }
  return out;
}

/** The example app, as workspace files under WS/app. */
export function canaryFiles(): Map<string, string> {
  const m = new Map<string, string>();
  const root = path.join(REPO, 'examples');
  for (const f of walk(root)) m.set(path.join(WS, 'app', path.relative(root, f)), fs.readFileSync(f, 'utf8'));
  return m;
}

/** Seed inputs: the example app's files and every rule case (with the name the case gives it). */
export function seedInputs(): { name: string; text: string }[] {
  const files = [...walk(path.join(REPO, 'examples')), ...walk(path.join(REPO, 'rules')).filter((f) => f.includes(`${path.sep}cases${path.sep}`))];
  return files.map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const ODD_VARS = ['${self:}', '${self:custom.${self:custom.a}}', '${file(../../../etc/passwd)}', '${file(/etc/hosts):x}', '${file(./missing.yml)}', '${file(./serverless.yml)}', '${${${${', '${opt:stage, ${self:provider.stage, "dev"}}', '${file(./x.js):y}', '${env:HOME}', '${self:custom.loop}', '}}}${'];
const YAML_BITS = ['a: &x [1, 2]\nb: *x\n', '<<: *x\n', '!Ref Foo\n', '!!binary AAAA\n', '!Sub "${AWS::Region}"\n', 'k: !GetAtt [A, Arn]\n', '? [complex, key]\n: v\n', '- &a\n  - *a\n', '%YAML 1.2\n---\n', '...\n---\n'];
const NEST = ['[', '{', '(', '`${', '{a:', '[[', '(() => ', 'f(', 'if x:\n    '];

/** One mutation of `text`. */
export function mutate(text: string, r: () => number): string {
  const lines = text.split('\n');
  const at = () => Math.floor(r() * (lines.length + 1));
  switch (Math.floor(r() * 13)) {
    case 0: { // byte flips
      const chars = [...text];
      for (let i = 0, n = 1 + Math.floor(r() * 8); i < n && chars.length; i++) chars[Math.floor(r() * chars.length)] = String.fromCharCode(Math.floor(r() * 128));
      return chars.join('');
    }
    case 1: return text.slice(0, Math.floor(r() * text.length)); // truncation
    case 2: { const i = at(); lines.splice(i, 0, ...lines.slice(i, i + 1 + Math.floor(r() * 5))); return lines.join('\n'); } // duplicated lines
    case 3: { lines.splice(at(), 1 + Math.floor(r() * 4)); return lines.join('\n'); } // deleted lines
    case 4: { const i = at(); const d = Math.floor(r() * 5) - 2; if (lines[i] !== undefined) lines[i] = d > 0 ? ' '.repeat(d * 2) + lines[i] : lines[i].slice(-d * 2); return lines.join('\n'); } // indentation shift
    case 5: { const o = pick(r, NEST); const n = 50 + Math.floor(r() * 2000); const i = Math.floor(r() * text.length); return text.slice(0, i) + o.repeat(n) + text.slice(i); } // deep nesting
    case 6: { const i = at(); lines.splice(i, 0, pick(r, ['x', '"', "'", 'eyJ', '-eyJ', 'a + ', '${']).repeat(1000 + Math.floor(r() * 60_000))); return lines.join('\n'); } // long line
    case 7: { lines.splice(at(), 0, pick(r, YAML_BITS)); return lines.join('\n'); } // anchors, tags, merge keys
    case 8: return pick(r, ['\uFEFF' + text, text.replace(/\n/g, '\r\n'), text.slice(0, 10) + '\u0000' + text.slice(10), text.replace(/\n/g, '\r')]); // BOM, CRLF, NUL, CR
    case 9: { const v = pick(r, ODD_VARS); return text.replace(/:\s+(\S[^\n]*)/, (m, val) => m.replace(val, r() < 0.5 ? v : `${val}-${v}`)); } // odd variables
    case 10: { const i = at(); lines.splice(i, 0, `${' '.repeat(Math.floor(r() * 3) * 2)}inc: \${file(${pick(r, ['../../outside.yml', '/etc/passwd', './self.yml', '../app/serverless.yml', './a.json'])})}`); return lines.join('\n'); } // ${file()} targets
    case 11: { const i = at(); lines.splice(i, 0, ...Array.from({ length: 200 + Math.floor(r() * 3000) }, (_, k) => `// faasguard-ignore no-event-data-in-shell: r${k}`)); return lines.join('\n'); }
    default: return mutate(mutate(text, r), r);
  }
}

export interface FuzzStats {
  inputs: number;
  /** Inputs that made the engine throw, or gave an internal-error diagnostic. */
  crashes: { seed: number; what: string }[];
  /** Inputs whose analysis took longer than the hang bound. */
  hangs: { seed: number; ms: number }[];
  canaryLost: { seed: number; missing: string[] }[];
  slowest: { ms: number; seed: number; name: string };
}

const key = (f: Finding) => `${f.span.file}:${f.span.start}:${f.ruleId}:${f.message}`;

/**
 * Runs inputs from `seed` on, until `count` inputs or `budgetMs` have passed. Each input is one to
 * three mutated files, written under WS/fuzz next to the canary app; `hangMs` is the hang bound.
 */
export function runFuzz(opts: { seed: number; count: number; budgetMs: number; hangMs?: number; onInput?: (seed: number, files: Map<string, string>) => void }): FuzzStats {
  const hangMs = opts.hangMs ?? 5_000;
  const seeds = seedInputs();
  const files = canaryFiles();
  const host = new MemoryHost(files);
  const engine = new Engine({ root: WS, host, rules: allRules });
  const canary = new Set([...engine.analyzeWorkspace().results.values()].flat().map(key));
  const stats: FuzzStats = { inputs: 0, crashes: [], hangs: [], canaryLost: [], slowest: { ms: 0, seed: 0, name: '' } };
  const start = performance.now();
  for (let i = 0; i < opts.count && performance.now() - start < opts.budgetMs; i++) {
    const seed = opts.seed + i;
    const r = rng(seed);
    for (const f of [...files.keys()]) if (f.startsWith(`${WS}/fuzz/`)) files.delete(f);
    const added = new Map<string, string>();
    for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) {
      const s = pick(r, seeds);
      const file = `${WS}/fuzz/${k}/${s.name}`;
      added.set(file, mutate(s.text, r));
      files.set(file, added.get(file)!);
    }
    opts.onInput?.(seed, added);
    stats.inputs++;
    const t = performance.now();
    let found: Finding[] = [];
    try {
      found = [...engine.analyzeWorkspace().results.values()].flat();
    } catch (e) {
      stats.crashes.push({ seed, what: `threw: ${(e as Error).stack ?? e}` });
      continue;
    }
    const ms = performance.now() - t;
    if (ms > stats.slowest.ms) stats.slowest = { ms, seed, name: [...added.keys()].map((f) => path.basename(f)).join(', ') };
    if (ms > hangMs) stats.hangs.push({ seed, ms });
    for (const f of found) if (f.ruleId === 'internal-error') stats.crashes.push({ seed, what: `${f.span.file}: ${f.message}` });
    const now = new Set(found.map(key));
    const missing = [...canary].filter((k) => !now.has(k));
    if (missing.length > 0) stats.canaryLost.push({ seed, missing });
  }
  return stats;
}
