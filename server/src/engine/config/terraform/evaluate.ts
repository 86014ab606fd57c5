// The Terraform evaluator: HCL expressions to `yaml` nodes (config/synthetic.ts) over the `.tf`
// source. It covers what apps write: variable defaults and module inputs, locals, references to
// resources and data sources, string templates, `jsonencode(...)`, heredoc JSON (with its
// interpolations), `file()` of a JSON document in the workspace, `data "aws_iam_policy_document"`,
// module outputs, and a few list and string functions. A reference to a resource becomes what
// CloudFormation would write (`!Ref addr` for the attribute that CloudFormation's Ref returns,
// `!GetAtt [addr, Attr]` otherwise); a variable without a value becomes `!Ref var.x` (like a
// template parameter); pseudo values (account, region, partition) become `!Ref AWS::...`; anything
// else is opaque. Evaluation is memoised per module, cycles are opaque, and the depth of nested
// evaluation is bounded, so no input can make it recurse without limit.
import * as path from 'node:path';
import * as YAML from 'yaml';
import type { ParsedDocument } from '../parse.js';
import { getAtt, ifNode, makeDoc, map, opaque, ref, scalar, seq, setEditInfo, setRoot, sub, withRange } from '../synthetic.js';
import type { Block, Expr, HclFile, TemplatePart } from './hcl.js';
import { isWithin, type TfHost, type TfModule } from './module.js';
import { policyDocumentFromData } from './policy-document.js';
import { interpsIn, jsonUnescape, literalOf, pascal, PSEUDO_DATA, REF_ATTRS, traverse } from './values.js';

export { literalOf, pascal, REF_ATTRS };

const MAX_DEPTH = 48;

/** AWS-managed policy names (a `data "aws_iam_policy"` by name): the ones whose name says so. */
const AWS_POLICY_NAME = /^(service-role\/|job-function\/)?(AWS|Amazon|AdministratorAccess$|PowerUserAccess$|ReadOnlyAccess$|IAMFullAccess$|IAMReadOnlyAccess$|CloudWatch|SecretsManagerReadWrite$)/;

const PARSE_OPTIONS = { uniqueKeys: false, merge: false, prettyErrors: false, keepSourceTokens: false, strict: false } as const;

/** Documents that hold JSON written inside Terraform (a heredoc) or read by `file()`. */
const JSON_IN_HCL = new WeakSet<ParsedDocument>();
const JSON_FILE = new WeakSet<ParsedDocument>();

/** How intrinsics are written into a JSON document that came from Terraform. */
export function jsonDocKind(doc: ParsedDocument): 'heredoc' | 'file' | undefined {
  return JSON_IN_HCL.has(doc) ? 'heredoc' : JSON_FILE.has(doc) ? 'file' : undefined;
}

export class TfEvaluator {
  /** JSON documents made for heredocs, with the `.tf` file each is in. */
  readonly jsonDocs: { doc: ParsedDocument; file: HclFile }[] = [];
  private readonly memo = new Map<string, YAML.Node>();
  private readonly active = new Set<string>();
  private depth = 0;

  constructor(
    private readonly host: TfHost,
    private readonly workspaceRoot: string,
  ) {}

  doc(file: HclFile): ParsedDocument {
    return this.host.docFor(file);
  }

  /** Evaluates an expression written in `file`, in module instance `mod`. */
  eval(e: Expr, mod: TfModule, file: HclFile): YAML.Node {
    const doc = this.doc(file);
    if (this.depth >= MAX_DEPTH) return opaque(doc, e.start, e.end);
    this.depth++;
    try {
      return this.evalInner(e, mod, file, doc);
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expr, mod: TfModule, file: HclFile, doc: ParsedDocument): YAML.Node {
    switch (e.kind) {
      case 'literal':
        return scalar(doc, e.value, e.start, e.end);
      case 'template':
        if (e.heredoc) {
          const json = this.heredocJson(e, mod, file);
          if (json) return json;
        }
        return this.template(e.parts, e.directives, mod, file, e.start, e.end);
      case 'tuple':
        return seq(doc, e.items.map((i) => this.eval(i, mod, file)), e.start, e.end);
      case 'object': {
        const entries = e.elems.filter((el) => el.key !== undefined).map((el) => ({ key: el.key!, keyStart: el.keyStart, keyEnd: el.keyEnd, value: this.eval(el.value, mod, file) }));
        const m = map(doc, entries, e.start, e.end);
        setEditInfo(m, { kind: 'hcl-object', open: e.start + 1, close: e.end - 1 });
        return m;
      }
      case 'cond':
        return ifNode(doc, opaque(doc, e.cond.start, e.cond.end), this.eval(e.then, mod, file), this.eval(e.else, mod, file), e.start, e.end);
      case 'ref':
        return this.reference(e, mod, file, doc);
      case 'call':
        return this.call(e, mod, file, doc);
      default:
        return opaque(doc, e.start, e.end);
    }
  }

  /** A string template: literal text, one interpolation standing for itself, or `!Sub` over the parts. */
  private template(parts: TemplatePart[], directives: boolean, mod: TfModule, file: HclFile, start: number, end: number): YAML.Node {
    const doc = this.doc(file);
    if (directives) return opaque(doc, start, end);
    if (parts.length === 1 && 'expr' in parts[0]) {
      // `"${x}"` is x. A reference made here moves to the whole string; a value defined elsewhere keeps its place.
      const v = this.eval(parts[0].expr, mod, file);
      const r = v.range;
      return r && r[0] >= start && r[1] <= end ? withRange(v, doc, start, end) : v;
    }
    let text = '';
    const vars: { name: string; node: YAML.Node; start: number; end: number }[] = [];
    for (const p of parts) {
      if ('text' in p) {
        text += p.text;
        continue;
      }
      const node = this.eval(p.expr, mod, file);
      const lit = literalOf(node);
      if (lit !== undefined) text += lit;
      else if (YAML.isScalar(node) && node.tag === '!Ref' && typeof node.value === 'string' && node.value.startsWith('AWS::')) text += `\${${node.value}}`;
      else {
        const name = `v${vars.length}`;
        vars.push({ name, node, start: p.start, end: p.end });
        text += `\${${name}}`;
      }
    }
    return vars.length === 0 ? scalar(doc, text, start, end) : sub(doc, text, vars, start, end);
  }

  private memoised(key: string, compute: () => YAML.Node, fallback: () => YAML.Node): YAML.Node {
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (this.active.has(key)) return fallback(); // a cycle
    this.active.add(key);
    try {
      const v = compute();
      this.memo.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  /** The value of `var.name` in a module instance: its input, else its default, else a parameter. */
  variable(name: string, mod: TfModule, doc: ParsedDocument, start: number, end: number): YAML.Node {
    return this.memoised(`${mod.prefix}var.${name}`, () => {
      const input = mod.inputs.get(name);
      if (input) return this.eval(input.attr.value, input.caller, input.file);
      const v = mod.variables.get(name);
      const def = v?.item.body.attrs.find((a) => a.name === 'default');
      if (v && def && !(def.value.kind === 'literal' && def.value.value === null)) return this.eval(def.value, mod, v.file);
      return ref(doc, `var.${name}`, start, end);
    }, () => opaque(doc, start, end));
  }

  private reference(e: Extract<Expr, { kind: 'ref' }>, mod: TfModule, file: HclFile, doc: ParsedDocument): YAML.Node {
    const [first, ...rest] = e.path;
    switch (e.root) {
      case 'var':
        if (typeof first !== 'string') return opaque(doc, e.start, e.end);
        return traverse(this.variable(first, mod, doc, e.start, e.end), rest, doc, e);
      case 'local': {
        if (typeof first !== 'string') return opaque(doc, e.start, e.end);
        const l = mod.locals.get(first);
        if (!l) return opaque(doc, e.start, e.end);
        const v = this.memoised(`${mod.prefix}local.${first}`, () => this.eval(l.item.value, mod, l.file), () => opaque(doc, e.start, e.end));
        return traverse(v, rest, doc, e);
      }
      case 'module': {
        if (typeof first !== 'string' || typeof rest[0] !== 'string') return opaque(doc, e.start, e.end);
        const child = mod.children.get(first);
        const out = child?.outputs.get(rest[0]);
        if (!child || !out) return getAtt(doc, `${mod.prefix}module.${first}`, rest[0], e.start, e.end);
        const v = this.memoised(`${child.prefix}output.${rest[0]}`, () => this.eval(out.item.value, child, out.file), () => opaque(doc, e.start, e.end));
        return traverse(v, rest.slice(1), doc, e);
      }
      case 'path':
        return scalar(doc, first === 'module' ? mod.relDir : '.', e.start, e.end);
      case 'data':
        return this.dataRef(e, mod, doc);
      case 'count': case 'each': case 'self': case 'terraform':
        return ref(doc, [e.root, ...e.path].join('.'), e.start, e.end);
      default: {
        const names = e.path.filter((p): p is string => typeof p === 'string' && p !== '*');
        if (names.length === 0) return opaque(doc, e.start, e.end);
        const addr = `${mod.prefix}${e.root}.${names[0]}`;
        const attr = names[1];
        if (attr === undefined || REF_ATTRS[e.root]?.includes(attr)) return ref(doc, addr, e.start, e.end);
        return getAtt(doc, addr, pascal(attr), e.start, e.end);
      }
    }
  }

  private dataRef(e: Extract<Expr, { kind: 'ref' }>, mod: TfModule, doc: ParsedDocument): YAML.Node {
    const [type, name, attr] = e.path.filter((p) => p !== '*' && typeof p === 'string') as string[];
    if (!type || !name) return opaque(doc, e.start, e.end);
    const pseudo = PSEUDO_DATA[type]?.[attr ?? ''];
    if (pseudo) return ref(doc, pseudo, e.start, e.end);
    const block = mod.data.get(`${type}.${name}`);
    if (type === 'aws_iam_policy_document' && block && (attr === 'json' || attr === 'minified_json')) {
      const key = `${mod.prefix}data.${type}.${name}`;
      return this.memoised(key, () => policyDocumentFromData(block.item, mod, block.file, this), () => opaque(doc, e.start, e.end));
    }
    if (type === 'aws_iam_policy' && block && attr === 'arn') {
      const arn = block.item.body.attrs.find((a) => a.name === 'arn');
      if (arn) return this.eval(arn.value, mod, block.file);
      const n = block.item.body.attrs.find((a) => a.name === 'name');
      const lit = n?.value.kind === 'literal' ? n.value.value : undefined;
      if (typeof lit === 'string' && AWS_POLICY_NAME.test(lit)) return scalar(doc, `arn:aws:iam::aws:policy/${lit}`, e.start, e.end);
    }
    return getAtt(doc, `${mod.prefix}data.${type}.${name}`, attr ? pascal(attr) : 'Id', e.start, e.end);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, mod: TfModule, file: HclFile, doc: ParsedDocument): YAML.Node {
    const args = e.args;
    switch (e.name) {
      case 'jsonencode':
      case 'tolist':
      case 'toset':
      case 'tomap':
        return args[0] ? this.eval(args[0], mod, file) : opaque(doc, e.start, e.end);
      case 'file':
        return this.file(e, mod, file, doc);
      case 'templatefile': {
        // The rendered text is unknown; the references passed in are kept (a state machine's functions).
        const vars = args[1] ? this.eval(args[1], mod, file) : undefined;
        const entries = YAML.isMap(vars) && !vars.tag ? (vars.items as YAML.Pair[]).map((p, i) => ({ name: `t${i}`, node: p.value as YAML.Node, start: e.start, end: e.end })) : [];
        return sub(doc, '${templatefile}', entries, e.start, e.end);
      }
      case 'concat': {
        const parts = args.map((a) => this.eval(a, mod, file));
        if (!parts.every((p) => YAML.isSeq(p) && !p.tag)) return opaque(doc, e.start, e.end);
        const s = seq(doc, parts.flatMap((p) => (p as YAML.YAMLSeq).items as YAML.Node[]), e.start, e.end);
        setEditInfo(s, { kind: 'read-only' });
        return s;
      }
      case 'merge': {
        const parts = args.map((a) => this.eval(a, mod, file));
        if (!parts.every((p) => YAML.isMap(p) && !p.tag)) return opaque(doc, e.start, e.end);
        const byKey = new Map<string, YAML.Pair>();
        for (const p of parts) for (const pair of (p as YAML.YAMLMap).items as YAML.Pair[]) byKey.set(String((pair.key as YAML.Scalar).value), pair);
        const m = map(doc, [], e.start, e.end);
        m.items.push(...byKey.values());
        setEditInfo(m, { kind: 'read-only' });
        return m;
      }
      case 'join': {
        const sep = args[0] ? literalOf(this.eval(args[0], mod, file)) : undefined;
        const list = args[1] ? this.eval(args[1], mod, file) : undefined;
        const items = YAML.isSeq(list) && !list.tag ? (list.items as YAML.Node[]).map(literalOf) : undefined;
        if (sep === undefined || !items || items.some((x) => x === undefined)) return opaque(doc, e.start, e.end);
        return scalar(doc, items.join(sep), e.start, e.end);
      }
      case 'lower':
      case 'upper': {
        const s = args[0] ? literalOf(this.eval(args[0], mod, file)) : undefined;
        return s === undefined ? opaque(doc, e.start, e.end) : scalar(doc, e.name === 'lower' ? s.toLowerCase() : s.toUpperCase(), e.start, e.end);
      }
      default:
        return opaque(doc, e.start, e.end);
    }
  }

  /** `file("${path.module}/policy.json")`: a JSON document of the workspace, parsed; other text as a string. */
  private file(e: Extract<Expr, { kind: 'call' }>, mod: TfModule, _file: HclFile, doc: ParsedDocument): YAML.Node {
    const arg = e.args[0] ? literalOf(this.eval(e.args[0], mod, _file)) : undefined;
    if (arg === undefined) return opaque(doc, e.start, e.end);
    const abs = path.resolve(mod.rootDir, arg);
    if (!isWithin(this.workspaceRoot, abs)) return opaque(doc, e.start, e.end);
    this.host.filesRead.add(abs);
    const text = this.host.readFile(abs);
    if (text === undefined) return opaque(doc, e.start, e.end);
    const t = text.trimStart();
    if (!t.startsWith('{') && !t.startsWith('[')) return scalar(doc, text, e.start, e.end);
    const parsed = YAML.parseDocument(text, PARSE_OPTIONS);
    if (parsed.errors.length > 0 || !parsed.contents) return opaque(doc, e.start, e.end);
    const jdoc = makeDoc(abs, text, 'json');
    JSON_FILE.add(jdoc);
    setRoot(jdoc, parsed.contents as YAML.Node);
    return parsed.contents as YAML.Node;
  }

  /**
   * A heredoc holding JSON (a policy, almost always): parsed as JSON over the `.tf` text, with each
   * string that holds interpolations evaluated as a template. Undefined when it is not JSON.
   */
  private heredocJson(e: Extract<Expr, { kind: 'template' }>, mod: TfModule, file: HclFile): YAML.Node | undefined {
    const h = e.heredoc!;
    if (e.directives) return undefined;
    const body = file.text.slice(h.start, h.end);
    const head = body.trimStart()[0];
    if (head !== '{' && head !== '[') return undefined;
    const interps = e.parts.filter((p): p is Extract<TemplatePart, { expr: Expr }> => 'expr' in p);
    const pieces: string[] = [];
    let from = h.start;
    for (const p of interps) {
      if (p.start < from || p.end > h.end) return undefined;
      pieces.push(file.text.slice(from, p.start), '_'.repeat(p.end - p.start));
      from = p.end;
    }
    pieces.push(file.text.slice(from, h.end));
    const masked = pieces.join('');
    const parsed = YAML.parseDocument(masked, PARSE_OPTIONS);
    if (parsed.errors.length > 0 || !parsed.contents) return undefined;
    const jdoc = makeDoc(file.file, file.text, 'json', this.doc(file).lines);
    JSON_IN_HCL.add(jdoc);
    this.jsonDocs.push({ doc: jdoc, file });
    const root = parsed.contents as YAML.Node;
    // Shift every range into the .tf text, and evaluate strings that hold interpolations.
    const stack: { node: YAML.Node; set?: (n: YAML.Node) => void }[] = [{ node: root }];
    let replacedRoot: YAML.Node | undefined;
    let count = 0;
    while (stack.length > 0 && count++ < 100_000) {
      const { node, set } = stack.pop()!;
      if (node.range) node.range = [node.range[0] + h.start, node.range[1] + h.start, node.range[2] + h.start];
      if (YAML.isScalar(node)) {
        const [s, en] = node.range!;
        const inside = interpsIn(interps, s, en);
        if (inside.length === 0) continue;
        const parts: TemplatePart[] = [];
        let at = s + 1;
        for (const p of inside) {
          if (p.start > at) parts.push({ text: jsonUnescape(file.text.slice(at, p.start)) });
          parts.push(p);
          at = p.end;
        }
        if (en - 1 > at) parts.push({ text: jsonUnescape(file.text.slice(at, en - 1)) });
        const next = this.template(parts, false, mod, file, s, en);
        const moved = withRange(next, jdoc, s, en);
        if (set) set(moved);
        else replacedRoot = moved;
        continue;
      }
      if (YAML.isMap(node)) {
        for (const pair of node.items as YAML.Pair[]) {
          const k = pair.key as YAML.Node;
          if (k?.range) k.range = [k.range[0] + h.start, k.range[1] + h.start, k.range[2] + h.start];
          if (YAML.isNode(pair.value)) stack.push({ node: pair.value, set: (n) => (pair.value = n) });
        }
      } else if (YAML.isSeq(node)) {
        node.items.forEach((it, i) => {
          if (YAML.isNode(it)) stack.push({ node: it, set: (n) => (node.items[i] = n) });
        });
      }
    }
    const out = replacedRoot ?? root;
    setRoot(jdoc, out);
    return out;
  }
}

/** The interpolations within [start, end), by binary search over the sorted list. */
export type { Block };
