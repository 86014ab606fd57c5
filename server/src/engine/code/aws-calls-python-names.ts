// What the names of a Python module stand for, as the AWS-call analysis (aws-calls-python.ts) reads
// them: assignments (and `self.x`), imports (local modules too) and the parameters of the file's
// functions bound to the arguments of their calls, each evaluated to the boto3 client, resource or
// value it is; and whether a client was made with credentials of its own. Nothing is executed. For a
// file being edited, what each top-level statement assigns and defines is kept with it
// (aws-calls-python-statements.ts), and the reads of the call sites being collected are recorded.
import type { CodeFile } from './types.js';
import { ReadLog, type Seeds, type Unresolved } from './aws-calls-types.js';
import { viewOf, type PySyntax } from './python-nodes.js';
import { serviceOfBotoName } from '../iam/operations.js';
import { keyword, ownKeys, paramNames, positional, stringValue } from './aws-calls-python-syntax.js';
import { SIGNERS, SUB_TYPES, WRAPPERS } from './aws-calls-python-tables.js';
import { own, pyPackageMember, resolvePythonImport, toRef, type Py } from './aws-calls-python-values.js';
import { assignedKey, statementFacts, type PyRead } from './aws-calls-python-statements.js';

const MAX_DEPTH = 6;
/** Assignments of one name looked at: enough for real code, bounded for generated or hostile files. */
export const MAX_DECLS = 20;

export abstract class PyNames {
  readonly names = new Map<string, PySyntax[]>();
  readonly imported = new Map<string, Py>();
  readonly unresolved: { node: PySyntax; u: Unresolved }[] = [];
  readonly imports: { file: string; seeds: Seeds; node: PySyntax }[] = [];
  protected readonly memo = new Map<string, Py | null>();
  /** credentialed(node, depth), by node position and depth: its answer depends on nothing else, and unmemoised the walk through every declaration of every name is exponential. */
  protected readonly credMemo = new Map<string, boolean>();
  readonly root: PySyntax;

  /** A file being edited: its facts are kept per top-level statement (aws-calls-python-statements.ts). */
  protected readonly incremental: boolean;
  /** The reads of the statement whose call sites are being collected. */
  protected readonly log = new ReadLog<PyRead>();

  constructor(readonly code: CodeFile, root: PySyntax, private readonly codeRoot: string, private readonly exists: (f: string) => boolean, protected readonly other: (file: string, name: string | 'all') => Py | undefined) {
    this.root = root;
    this.incremental = !!code.py?.edited;
    if (this.incremental) {
      this.readByStatement();
      return;
    }
    for (const a of root.descendantsOfType('assignment')) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right) continue;
      const key = assignedKey(left);
      if (key) (this.names.get(key) ?? this.names.set(key, []).get(key)!).push(right);
    }
    for (const imp of root.descendantsOfType(['import_statement', 'import_from_statement'])) this.readImport(imp);
    // A function of this file called with a client: its parameter stands for the argument.
    for (const d of root.descendantsOfType('function_definition')) {
      const name = d.childForFieldName('name')?.text;
      if (name) this.defs.set(name, paramNames(d.childForFieldName('parameters')));
    }
    for (const c of root.descendantsOfType('call')) {
      const f = c.childForFieldName('function');
      const params = f?.type === 'identifier' ? this.defs.get(f.text) : undefined;
      if (!params) continue;
      let i = 0;
      for (const a of c.childForFieldName('arguments')?.namedChildren ?? []) {
        const [param, value] = a.type === 'keyword_argument' ? [a.childForFieldName('name')?.text, a.childForFieldName('value')] : [params[i++], a];
        if (param && value && a.type !== 'list_splat' && a.type !== 'dictionary_splat') (this.names.get(param) ?? this.names.set(param, []).get(param)!).push(value);
      }
    }
  }

  /** The same tables, from each statement's facts: assignments, imports, functions, then the calls of a name. */
  protected readByStatement(): void {
    const all = this.root.namedChildren.map((st) => statementFacts(st));
    const view = (n: object) => viewOf(this.root, n);
    for (const f of all) for (const [key, right] of f.names) (this.names.get(key) ?? this.names.set(key, []).get(key)!).push(view(right));
    for (const f of all) for (const imp of f.imports) this.readImport(view(imp));
    for (const f of all) for (const [name, params] of f.defs) this.defs.set(name, params);
    for (const f of all) {
      for (const [name, args] of f.calls) {
        const params = this.defs.get(name);
        if (!params) continue;
        let i = 0;
        for (const a of args) {
          const param = a.type === 'keyword_argument' ? a.keyword : params[i++];
          if (param && a.value && a.type !== 'list_splat' && a.type !== 'dictionary_splat') (this.names.get(param) ?? this.names.set(param, []).get(param)!).push(view(a.value));
        }
      }
    }
  }

  /** Functions defined in this file, with their parameter names. */
  readonly defs = new Map<string, string[]>();

  span(n: PySyntax) {
    return { file: this.code.file, start: n.startIndex, end: n.endIndex };
  }

  protected readImport(imp: PySyntax): void {
    if (imp.type === 'import_statement') {
      for (const c of imp.namedChildren) {
        const dotted = c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text;
        const alias = c.type === 'aliased_import' ? c.childForFieldName('alias')?.text : dotted?.split('.')[0];
        if (!dotted || !alias) continue;
        if (WRAPPERS.test(dotted)) this.unresolved.push({ node: imp, u: { span: this.span(imp), reason: `imports ${dotted}, which calls AWS in ways the analysis does not follow` } });
        const local = resolvePythonImport(this.code.file, this.codeRoot, dotted, 0, this.exists);
        if (local) {
          this.imports.push({ file: local, seeds: 'all', node: imp });
          this.imported.set(alias, { k: 'local', file: local, name: 'all' });
        } else if (dotted === 'boto3') this.imported.set(alias, { k: 'boto3' });
        else if (dotted === 'os') this.imported.set(alias, { k: 'os' });
      }
      return;
    }
    const mod = imp.childForFieldName('module_name');
    if (!mod) return;
    const level = mod.type === 'relative_import' ? (mod.namedChildren.find((c) => c.type === 'import_prefix')?.text.length ?? 0) : 0;
    const dotted = mod.type === 'relative_import' ? (mod.namedChildren.find((c) => c.type === 'dotted_name')?.text ?? '') : mod.text;
    if (WRAPPERS.test(dotted)) this.unresolved.push({ node: imp, u: { span: this.span(imp), reason: `imports ${dotted}, which calls AWS in ways the analysis does not follow` } });
    const names = imp.childrenForFieldName('name').filter((n): n is PySyntax => !!n);
    const moduleFile = resolvePythonImport(this.code.file, this.codeRoot, dotted, level, this.exists);
    const seeds = new Set<string>();
    for (const n of names) {
      const name = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : name;
      if (!name || !alias) continue;
      if (SIGNERS.test(name)) this.unresolved.push({ node: imp, u: { span: this.span(imp), reason: `signs requests with ${name}: the calls it signs are not followed` } });
      // `from pkg import module`: a module of the package, when it is a file.
      const sub = resolvePythonImport(this.code.file, this.codeRoot, dotted ? `${dotted}.${name}` : name, level, this.exists);
      if (sub) {
        this.imports.push({ file: sub, seeds: 'all', node: imp });
        this.imported.set(alias, { k: 'local', file: sub, name: 'all' });
      } else if (moduleFile) {
        seeds.add(name);
        this.imported.set(alias, { k: 'local', file: moduleFile, name });
      } else {
        const t = pyPackageMember(dotted, name);
        if (t) this.imported.set(alias, t);
      }
    }
    if (imp.descendantsOfType('wildcard_import').length > 0 && moduleFile) this.imports.push({ file: moduleFile, seeds: 'all', node: imp });
    else if (moduleFile && seeds.size > 0) this.imports.push({ file: moduleFile, seeds, node: imp });
  }

  valueOf(name: string, depth = 0): Py | undefined {
    if (!this.log.recording) return this.valueOfName(name, depth);
    return this.log.note({ k: 'v', name, depth, out: this.log.inside(() => this.valueOfName(name, depth)) });
  }

  protected valueOfName(name: string, depth: number): Py | undefined {
    const imp = this.imported.get(name);
    if (imp) return imp.k === 'local' ? this.other(imp.file, imp.name) : imp;
    if (this.memo.has(name)) return this.memo.get(name) ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    this.memo.set(name, null);
    let out: Py | undefined;
    for (const e of (this.names.get(name) ?? []).slice(0, MAX_DECLS)) if ((out = this.evalP(e, depth + 1))) break;
    this.memo.set(name, out ?? null);
    return out;
  }

  evalP(n: PySyntax | null | undefined, depth = 0): Py | undefined {
    if (!n || depth > MAX_DEPTH) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
      case 'await':
        return this.evalP(n.namedChildren[0], depth + 1);
      case 'identifier':
        return this.valueOf(n.text, depth);
      case 'string': {
        const s = stringValue(n);
        return s === undefined ? undefined : { k: 'literal', text: s };
      }
      case 'boolean_operator':
        return this.evalP(n.childForFieldName('left'), depth + 1) ?? this.evalP(n.childForFieldName('right'), depth + 1);
      case 'subscript': {
        const base = this.evalP(n.childForFieldName('value'), depth + 1);
        const key = stringValue(n.childForFieldName('subscript'));
        return base?.k === 'environ' && key !== undefined ? { k: 'env', name: key } : undefined;
      }
      case 'attribute': {
        const obj = n.childForFieldName('object');
        const attr = n.childForFieldName('attribute')?.text ?? '';
        if (obj?.text === 'self') return this.valueOf(`self.${attr}`, depth);
        const base = this.evalP(obj, depth + 1);
        if (!base) return undefined;
        if (base.k === 'os' && attr === 'environ') return { k: 'environ' };
        if (base.k === 'os' && attr === 'getenv') return { k: 'getenv' };
        if (base.k === 'resource' && attr === 'meta') return { k: 'client', service: base.service };
        if (base.k === 'sub' && base.type === 'Bucket' && (attr === 'objects' || attr === 'object_versions')) return { k: 'collection', service: 's3', resource: base.resource };
        if (base.k === 'local' && base.name === 'all') return this.otherAt(base.file, attr);
        if (base.k === 'boto3' && attr === 'session') return { k: 'boto3' };
        return undefined;
      }
      case 'call':
        return this.evalCall(n, depth);
      default:
        return undefined;
    }
  }

  protected evalCall(n: PySyntax, depth: number): Py | undefined {
    const fnNode = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    const arg0 = positional(args, 0);
    if (fnNode?.type === 'attribute') {
      const base = this.evalP(fnNode.childForFieldName('object'), depth + 1);
      const attr = fnNode.childForFieldName('attribute')?.text ?? '';
      if (base && (base.k === 'boto3' || base.k === 'session') && (attr === 'client' || attr === 'resource')) {
        const name = stringValue(arg0 ?? keyword(args, 'service_name'));
        const service = name ? serviceOfBotoName(name) : undefined;
        if (!service) return undefined;
        const ownCredentials = (base.k === 'session' && base.ownCredentials) || ownKeys(args);
        return attr === 'client' ? { k: 'client', service, ownCredentials } : { k: 'resource', service, ownCredentials };
      }
      if (base && (base.k === 'boto3' || base.k === 'session') && attr === 'Session') return { k: 'session', ownCredentials: ownKeys(args) };
      if (base?.k === 'environ' && attr === 'get') {
        const key = stringValue(arg0);
        return key !== undefined ? { k: 'env', name: key } : undefined;
      }
      if (base?.k === 'os' && attr === 'getenv') {
        const key = stringValue(arg0);
        return key !== undefined ? { k: 'env', name: key } : undefined;
      }
      if (base?.k === 'resource') {
        const sub = own(SUB_TYPES, `${base.service}.${attr}`);
        if (sub) return { k: 'sub', ...sub, resource: toRef(this.evalP(arg0 ?? keyword(args, sub.type === 'Table' ? 'name' : sub.type === 'Queue' ? 'url' : sub.type === 'Topic' ? 'arn' : sub.type === 'Bucket' ? 'name' : 'bucket_name'), depth + 1)) };
        if (base.service === 'sqs' && attr === 'get_queue_by_name') return { k: 'sub', service: 'sqs', type: 'Queue', resource: toRef(this.evalP(keyword(args, 'QueueName'), depth + 1)) };
      }
      if (base?.k === 'sub' && base.type === 'Bucket' && attr === 'Object') return { k: 'sub', service: 's3', type: 'Object', resource: base.resource };
      return undefined;
    }
    const f = this.evalP(fnNode, depth + 1);
    if (f?.k === 'session') return { k: 'session', ownCredentials: ownKeys(args) }; // Session(): the class and its instances read alike
    if (f?.k === 'getenv') {
      const key = stringValue(arg0);
      return key !== undefined ? { k: 'env', name: key } : undefined;
    }
    return undefined;
  }

  protected otherAt(file: string, name: string): Py | undefined {
    return this.log.note({ k: 'other', file, name, out: this.other(file, name) });
  }

  protected hasDef(name: string): boolean {
    return this.log.note({ k: 'fn', name, out: this.defs.has(name) });
  }

  /** `credentialed` at a call site: recorded as one read (what it reads inside is its own business). */
  protected credentialedAt(n: PySyntax | null): boolean {
    if (!this.log.recording || !n) return this.credentialed(n);
    return this.log.note({ k: 'cred', node: n.identity, out: this.log.inside(() => this.credentialed(n)) });
  }

  /** Whether the client or resource an expression leads to was made with credentials of its own. */
  protected credentialed(n: PySyntax | null | undefined, depth = 0): boolean {
    if (!n || depth > MAX_DEPTH) return false;
    const key = `${n.startIndex}:${n.endIndex}:${n.type}:${depth}`;
    let known = this.credMemo.get(key);
    if (known === undefined) this.credMemo.set(key, (known = this.credentialedNow(n, depth)));
    return known;
  }

  protected credentialedNow(n: PySyntax, depth: number): boolean {
    const t = this.evalP(n);
    if (t && (t.k === 'client' || t.k === 'resource') && t.ownCredentials) return true;
    if (n.type === 'identifier') return (this.names.get(n.text) ?? []).slice(0, MAX_DECLS).some((e) => this.credentialed(e, depth + 1));
    if (n.type === 'call' || n.type === 'attribute') return this.credentialed(n.childForFieldName('function') ?? n.childForFieldName('object'), depth + 1);
    return false;
  }
}
