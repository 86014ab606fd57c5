// `data "aws_iam_policy_document"` read as the IAM JSON it renders: a map `{Version, Statement}`
// whose statements have the JSON keys (`Action`, `Resource`, `Principal`, `Condition`...) and whose
// values are the `.tf` attribute nodes, so that rules read it like any policy and fixes edit the
// attributes in place. `effect` defaults to Allow (a value written nowhere: read-only). Statements
// of `source_policy_documents` / `override_policy_documents` are added when they can be read, and
// stand as an unknown statement when they cannot.
import * as YAML from 'yaml';
import { addEntry, map, opaque, scalar, seq, setEditInfo, type KeySchema, type SynthEntry } from '../synthetic.js';
import type { Block, HclFile } from './hcl.js';
import type { TfModule } from './module.js';
import type { TfEvaluator } from './evaluate.js';
import { bodyIndent } from './indent.js';

const STATEMENT_KEYS: Record<string, string> = {
  sid: 'Sid', effect: 'Effect', actions: 'Action', not_actions: 'NotAction', resources: 'Resource', not_resources: 'NotResource',
};

export const STATEMENT_SCHEMA: KeySchema = {
  keys: Object.fromEntries(Object.entries(STATEMENT_KEYS).map(([tf, cfn]) => [cfn, { name: tf }])),
};

function principalMap(blocks: Block[], mod: TfModule, file: HclFile, ev: TfEvaluator): YAML.Node | undefined {
  if (blocks.length === 0) return undefined;
  const doc = ev.doc(file);
  const first = blocks[0];
  const byType = new Map<string, { keyStart: number; keyEnd: number; values: YAML.Node[] }>();
  for (const b of blocks) {
    const type = b.body.attrs.find((a) => a.name === 'type');
    const ids = b.body.attrs.find((a) => a.name === 'identifiers');
    const t = type?.value.kind === 'literal' && typeof type.value.value === 'string' ? type.value.value : undefined;
    if (!type || !ids || t === undefined) return opaque(doc, first.start, first.end);
    const v = ev.eval(ids.value, mod, file);
    // `type = "*"`, `identifiers = ["*"]` is `"Principal": "*"`.
    if (t === '*') return YAML.isSeq(v) && v.items.length === 1 && YAML.isNode(v.items[0]) ? (v.items[0] as YAML.Node) : v;
    const entry = byType.get(t) ?? { keyStart: type.value.start, keyEnd: type.value.end, values: [] };
    entry.values.push(...(YAML.isSeq(v) && !v.tag ? (v.items as YAML.Node[]) : [v]));
    byType.set(t, entry);
  }
  const entries: SynthEntry[] = [...byType].map(([key, e]) => ({ key, keyStart: e.keyStart, keyEnd: e.keyEnd, value: seq(doc, e.values, e.keyStart, e.keyEnd) }));
  const m = map(doc, entries, first.start, first.end);
  setEditInfo(m, { kind: 'read-only' });
  return m;
}

function conditionMap(blocks: Block[], mod: TfModule, file: HclFile, ev: TfEvaluator): YAML.Node | undefined {
  if (blocks.length === 0) return undefined;
  const doc = ev.doc(file);
  const first = blocks[0];
  const byTest = new Map<string, { start: number; end: number; vars: SynthEntry[] }>();
  for (const b of blocks) {
    const test = b.body.attrs.find((a) => a.name === 'test');
    const variable = b.body.attrs.find((a) => a.name === 'variable');
    const values = b.body.attrs.find((a) => a.name === 'values');
    const t = test?.value.kind === 'literal' && typeof test.value.value === 'string' ? test.value.value : undefined;
    const v = variable?.value.kind === 'literal' && typeof variable.value.value === 'string' ? variable.value.value : undefined;
    if (!test || !variable || !values || t === undefined || v === undefined) return opaque(doc, first.start, first.end);
    const entry = byTest.get(t) ?? { start: test.value.start, end: test.value.end, vars: [] };
    entry.vars.push({ key: v, keyStart: variable.value.start, keyEnd: variable.value.end, value: ev.eval(values.value, mod, file) });
    byTest.set(t, entry);
  }
  const m = map(doc, [...byTest].map(([key, e]) => ({ key, keyStart: e.start, keyEnd: e.end, value: map(doc, e.vars, e.start, e.end) })), first.start, first.end);
  setEditInfo(m, { kind: 'read-only' });
  return m;
}

function statementView(b: Block, mod: TfModule, file: HclFile, ev: TfEvaluator): YAML.YAMLMap {
  const doc = ev.doc(file);
  const entries: SynthEntry[] = [];
  for (const a of b.body.attrs) {
    const key = STATEMENT_KEYS[a.name];
    if (key) entries.push({ key, keyStart: a.nameStart, keyEnd: a.nameEnd, value: ev.eval(a.value, mod, file) });
  }
  if (!entries.some((e) => e.key === 'Effect')) {
    const allow = scalar(doc, 'Allow', b.start, b.typeEnd);
    setEditInfo(allow, { kind: 'read-only' });
    entries.push({ key: 'Effect', keyStart: b.start, keyEnd: b.typeEnd, value: allow });
  }
  const blocksOf = (t: string) => b.body.blocks.filter((x) => x.type === t);
  for (const [tf, key] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
    const p = principalMap(blocksOf(tf), mod, file, ev);
    const at = blocksOf(tf)[0];
    if (p && at) entries.push({ key, keyStart: at.start, keyEnd: at.typeEnd, value: p });
  }
  const c = conditionMap(blocksOf('condition'), mod, file, ev);
  const at = blocksOf('condition')[0];
  if (c && at) entries.push({ key: 'Condition', keyStart: at.start, keyEnd: at.typeEnd, value: c });
  const m = map(doc, entries, b.start, b.end);
  setEditInfo(m, { kind: 'hcl-block', close: b.body.close, indent: bodyIndent(file.text, b), schema: STATEMENT_SCHEMA });
  return m;
}

/** The policy a `data "aws_iam_policy_document"` block renders. */
export function policyDocumentFromData(block: Block, mod: TfModule, file: HclFile, ev: TfEvaluator): YAML.Node {
  const doc = ev.doc(file);
  const statements: YAML.Node[] = [];
  for (const name of ['source_policy_documents', 'source_json']) {
    const a = block.body.attrs.find((x) => x.name === name);
    if (a) statements.push(...included(ev.eval(a.value, mod, file), doc, a.start, a.end));
  }
  for (const b of block.body.blocks) if (b.type === 'statement') statements.push(statementView(b, mod, file, ev));
  for (const name of ['override_policy_documents', 'override_json']) {
    const a = block.body.attrs.find((x) => x.name === name);
    if (a) statements.push(...included(ev.eval(a.value, mod, file), doc, a.start, a.end));
  }
  const first = block.body.blocks.find((b) => b.type === 'statement');
  const list = seq(doc, statements, first?.start ?? block.start, block.end);
  setEditInfo(list, { kind: 'read-only' });
  const m = map(doc, [], block.start, block.end);
  const version = block.body.attrs.find((a) => a.name === 'version');
  if (version) addEntry(m, doc, { key: 'Version', keyStart: version.nameStart, keyEnd: version.nameEnd, value: ev.eval(version.value, mod, file) });
  addEntry(m, doc, { key: 'Statement', keyStart: first?.start ?? block.start, keyEnd: first?.typeEnd ?? block.typeEnd, value: list });
  setEditInfo(m, { kind: 'read-only' });
  return m;
}

/** Statements of other documents (a list of documents, or one): readable ones, else one unknown statement. */
function included(v: YAML.Node, doc: ReturnType<TfEvaluator['doc']>, start: number, end: number): YAML.Node[] {
  const docs = YAML.isSeq(v) && !v.tag ? (v.items as YAML.Node[]) : [v];
  const out: YAML.Node[] = [];
  for (const d of docs) {
    const st = YAML.isMap(d) && !d.tag ? (d.items as YAML.Pair[]).find((p) => YAML.isScalar(p.key) && p.key.value === 'Statement')?.value : undefined;
    if (YAML.isSeq(st) && !st.tag) out.push(...(st.items as YAML.Node[]));
    else out.push(opaque(doc, start, end));
  }
  return out;
}
