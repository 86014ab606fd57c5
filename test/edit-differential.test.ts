// Typing in a handler of every rule-case app (the real apps of rules/*/cases: AWS SDK and boto3
// calls, sinks, helpers, local modules), on disk or open in an editor: after each edit, the engine
// that analysed the versions before finds exactly what a fresh engine finds in the same files. What
// an edited file keeps per top-level statement (the AWS calls, aws-calls-*-statements.ts) or per
// helper (the taint summaries, taint/carry.ts) must never change a finding.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost, OverlayHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';

const RULES = path.resolve(__dirname, '..', '..', 'rules');
const CONFIG = /^(serverless\.ya?ml|template\.ya?ml)$/;
const CODE = /\.(js|ts|py)$/;

/** The rule-case apps: folders with a config and handler code. */
function apps(): string[] {
  const out: string[] = [];
  for (const rule of fs.readdirSync(RULES).sort()) {
    const cases = path.join(RULES, rule, 'cases');
    if (!fs.existsSync(cases)) continue;
    for (const c of fs.readdirSync(cases, { withFileTypes: true })) {
      const dir = path.join(cases, c.name);
      if (c.isDirectory() && fs.readdirSync(dir).some((f) => CONFIG.test(f))) out.push(dir);
    }
  }
  return out;
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(f);
      else if (e.isFile() && !f.endsWith('.fixed') && /\.(js|ts|py|ya?ml|json)$/.test(f)) out.set(f, fs.readFileSync(f, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A small deterministic generator (no Math.random in tests). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
}

const PIECES = ['x', 'q', ' ', '1', '"', "'", '(', ')', '.', ',', '\n', 'client', 's3', 'Bucket', 'event', 'os.environ', 'process.env', ''];

describe('edits of the rule-case apps: what an edited file keeps never changes a finding', () => {
  for (const open of [false, true]) {
    it(`6 random edits in one handler of each app find what a fresh engine finds${open ? ', the handler open in an editor' : ''}`, () => {
      const next = rng(open ? 2027 : 2026);
      let edits = 0;
      const diffs: string[] = [];
      for (const dir of apps()) {
        const files = filesOf(dir);
        const code = [...files.keys()].filter((f) => CODE.test(f)).sort();
        if (code.length === 0) continue;
        const all = [...files.keys()];
        // Open in an editor, the handler is parsed as a file being edited from its first version (code/parse.ts).
        const host = open ? new OverlayHost(new MemoryHost(files)) : new MemoryHost(files);
        const engine = new Engine({ root: dir, host, rules: allRules });
        engine.analyzeWorkspace();
        const target = code[Math.floor(next() * code.length)];
        if (host instanceof OverlayHost) host.set(target, files.get(target)!, 1);
        for (let e = 0; e < 6; e++) {
          const text = files.get(target)!;
          // A piece typed anywhere in the file, or a few characters deleted there.
          const at = Math.floor(next() * (text.length + 1));
          const del = next() < 0.4 ? 1 + Math.floor(next() * 3) : 0;
          files.set(target, text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at + del));
          if (host instanceof OverlayHost) host.set(target, files.get(target)!, e + 2);
          const got = engine.analyze(all);
          const fresh = new Engine({ root: dir, host: new MemoryHost(new Map(files)), rules: allRules });
          fresh.discover();
          const want = fresh.analyze(all);
          edits++;
          for (const f of all) if (JSON.stringify(got.get(f) ?? []) !== JSON.stringify(want.get(f) ?? [])) diffs.push(`${path.relative(RULES, target)} (edit ${e}): ${path.relative(RULES, f)}`);
        }
      }
      assert.ok(edits > 200, `edits: ${edits}`);
      assert.deepEqual(diffs, []);
    });
  }
});
