// Building `yaml` nodes over the source of another format (Terraform, a CDK stack file), so that a
// Terraform or CDK value *is* a `Val`: every reader, rule and span works on it unchanged, and a
// diagnostic lands on the exact token in the `.tf` or `.ts` file. Each node's range is an offset
// range in its own source, and each node knows its document (`setNodeDoc`), so one model can mix
// nodes of several files. A CloudFormation intrinsic stands for what CloudFormation would write:
// `!Ref X` / `!GetAtt [X, Attr]` for a reference to another resource, `!Sub [text, {v0: ...}]` for
// a string built from references, `!If` for a conditional; what the reader cannot know is opaque.
//
// The edit helpers (fix/hcl-edit.ts, fix/ts-edit.ts) need to know how to write into a node that was
// built from something else (a Terraform block read as a CloudFormation property map): the reader
// records that here, with `setEditInfo`.
import * as YAML from 'yaml';
import { LineIndex } from '../util/lines.js';
import type { ParsedDocument } from './parse.js';
import { isOpaqueMarked, markOpaque, setNodeDoc } from './val.js';

export function makeDoc(file: string, text: string, format: ParsedDocument['format'], lines?: LineIndex): ParsedDocument {
  return { file, text, lines: lines ?? new LineIndex(text), format, aliasDerefs: 0, aliasLimitHit: false };
}

/** Sets the document's root node (a `yaml` Document holding it, as `Val.root` expects). */
export function setRoot(doc: ParsedDocument, root: YAML.Node): void {
  const d = new YAML.Document() as unknown as YAML.Document.Parsed;
  d.contents = root as YAML.Document.Parsed['contents'];
  doc.doc = d;
  setNodeDoc(root, doc);
}

function place<T extends YAML.Node>(node: T, doc: ParsedDocument, start: number, end: number, tag?: string): T {
  node.range = [start, end, end];
  if (tag) node.tag = tag;
  setNodeDoc(node, doc);
  return node;
}

export function scalar(doc: ParsedDocument, value: string | number | boolean | null, start: number, end: number, tag?: string): YAML.Scalar {
  return place(new YAML.Scalar(value), doc, start, end, tag);
}

export interface SynthEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: YAML.Node;
}

export function map(doc: ParsedDocument, entries: SynthEntry[], start: number, end: number): YAML.YAMLMap {
  const m = place(new YAML.YAMLMap(), doc, start, end);
  for (const e of entries) m.items.push(new YAML.Pair(scalar(doc, e.key, e.keyStart, e.keyEnd), e.value));
  return m;
}

/** Adds an entry to a map built here (its key in `doc`, which may be another file than the map's). */
export function addEntry(m: YAML.YAMLMap, doc: ParsedDocument, e: SynthEntry): void {
  m.items.push(new YAML.Pair(scalar(doc, e.key, e.keyStart, e.keyEnd), e.value));
}

export function seq(doc: ParsedDocument, items: YAML.Node[], start: number, end: number, tag?: string): YAML.YAMLSeq {
  const s = place(new YAML.YAMLSeq(), doc, start, end, tag);
  s.items.push(...items);
  return s;
}

/** A value the reader cannot know: a `Val` of kind `opaque`, never reported. */
export function opaque(doc: ParsedDocument, start: number, end: number): YAML.Scalar {
  const s = scalar(doc, null, start, end);
  markOpaque(s);
  return s;
}

export function ref(doc: ParsedDocument, id: string, start: number, end: number): YAML.Scalar {
  return scalar(doc, id, start, end, '!Ref');
}

export function getAtt(doc: ParsedDocument, id: string, attr: string, start: number, end: number): YAML.YAMLSeq {
  return seq(doc, [scalar(doc, id, start, end), scalar(doc, attr, start, end)], start, end, '!GetAtt');
}

/** `!Sub [template, {v0: node, ...}]` (the list form, so that ids with dots and dashes stay whole). */
export function sub(doc: ParsedDocument, template: string, vars: { name: string; node: YAML.Node; start: number; end: number }[], start: number, end: number): YAML.YAMLSeq {
  const items: YAML.Node[] = [scalar(doc, template, start, end)];
  if (vars.length > 0) items.push(map(doc, vars.map((v) => ({ key: v.name, keyStart: v.start, keyEnd: v.end, value: v.node })), start, end));
  return seq(doc, items, start, end, '!Sub');
}

export function ifNode(doc: ParsedDocument, cond: YAML.Node, a: YAML.Node, b: YAML.Node, start: number, end: number): YAML.YAMLSeq {
  return seq(doc, [cond, a, b], start, end, '!If');
}

/** The same value over another range (an interpolation read as the whole string around it). */
export function withRange(node: YAML.Node, doc: ParsedDocument, start: number, end: number): YAML.Node {
  let copy: YAML.Node;
  if (YAML.isScalar(node)) copy = new YAML.Scalar(node.value);
  else if (YAML.isSeq(node)) {
    copy = new YAML.YAMLSeq();
    (copy as YAML.YAMLSeq).items.push(...node.items);
  } else if (YAML.isMap(node)) {
    copy = new YAML.YAMLMap();
    (copy as YAML.YAMLMap).items.push(...node.items);
  } else return node;
  const out = place(copy, doc, start, end, node.tag);
  if (isOpaqueMarked(node)) markOpaque(out);
  const info = EDIT_INFO.get(node);
  if (info) EDIT_INFO.set(out, info);
  return out;
}

// ---- how to write into a node built from another format ----

/** A key map between CloudFormation property names and the source's own names, for writing. */
export interface KeySchema {
  /** CloudFormation key -> how the source writes it. */
  keys: Record<string, KeySpec>;
}

export interface KeySpec {
  /** The name in the source (a Terraform attribute or block type, a CDK prop). */
  name: string;
  /** Terraform: written as a nested block (`tracing_config { ... }`), not an attribute. */
  block?: KeySchema;
  /** How a value is written (a CDK enum: `lambda.Tracing.ACTIVE` for `Active`). */
  values?: Record<string, string>;
  /**
   * Terraform: written as resources of their own after the block: managed policy ARNs as
   * `aws_iam_role_policy_attachment`s, a stage's method settings as `aws_api_gateway_method_settings`.
   */
  writer?: 'policy-attachment' | 'method-settings';
  /** CDK: the props path the key is written at (`deployOptions.tracingEnabled`), when not `name`. */
  path?: string[];
  /** CDK: the module whose enum `values` name (`aws-lambda` for `Tracing.ACTIVE`). */
  module?: string;
}

export type EditInfo =
  /** A Terraform block read as a map: entries are attributes or nested blocks before `close`. */
  | { kind: 'hcl-block'; close: number; indent: string; schema?: KeySchema }
  /** An HCL object literal `{ a = 1 }` (jsonencode documents): entries are written as they are named. */
  | { kind: 'hcl-object'; open: number; close: number }
  /** A TypeScript object literal read as a map. */
  | { kind: 'ts-object'; open: number; close: number; schema?: KeySchema }
  /** A TypeScript value written as an expression: an enum member (CloudFormation value -> expression), a runtime. */
  | { kind: 'ts-value'; values?: Record<string, string>; runtimePrefix?: string }
  /** A JSON document inside a Terraform heredoc: intrinsics are written as `${...}` interpolations. */
  | { kind: 'json-in-hcl' }
  /** A value whose source cannot be edited from here (a folded default, a generated statement). */
  | { kind: 'read-only' };

const EDIT_INFO = new WeakMap<object, EditInfo>();

export function setEditInfo(node: YAML.Node, info: EditInfo): void {
  EDIT_INFO.set(node, info);
}

export function editInfo(node: YAML.Node | null | undefined): EditInfo | undefined {
  return node ? EDIT_INFO.get(node) : undefined;
}
