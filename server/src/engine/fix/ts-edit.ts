// The edit helpers for values read from a CDK app (config/cdk): local edits of the TypeScript
// source at the spans the model holds. An enum value is written as the source names its enum
// (`lambda.FunctionUrlAuthType.AWS_IAM`, with the module alias the file imports), a string in the
// file's quote style, a new prop with the CDK name of the CloudFormation key (`tracing:
// lambda.Tracing.ACTIVE`, `deployOptions: { tracingEnabled: true }`). Anything that is not a local
// change of a literal, an enum member, an array of strings or a props object (a reference to
// another construct, a new construct) is unsupported: the fix is then not offered.
import ts from 'typescript';
import type { Val } from '../config/val.js';
import type { TextEdit } from '../types.js';
import { editInfo, type KeySpec } from '../config/synthetic.js';
import { runtimeMember, sourceOfDoc } from '../config/cdk/values.js';
import type { Out } from './yaml-edit.js';
import { lineStartOf, prevSignificant, unsupported } from './edit-text.js';

class Unsupported extends Error {}

function quoteOf(text: string, start: number): string {
  const c = text[start];
  return c === '"' || c === '`' ? c : "'";
}

function tsString(s: string, q: string): string {
  return `${q}${s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`).replace(/\n/g, '\\n')}${q}`;
}

/** How the file refers to a class of a CDK module: `lambda.Tracing`, `Tracing`, `cdk.aws_lambda.Tracing`. */
function classRef(val: Val, module: string, cls: string): string | undefined {
  const sf = sourceOfDoc(val.doc);
  if (!sf) return undefined;
  const spec = (m: string) => m === `aws-cdk-lib/${module}` || m === `@aws-cdk/${module}` || m === `@aws-cdk/${module}-alpha`;
  const imports = sf.statements.filter((s): s is ts.ImportDeclaration => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && !!s.importClause);
  // The module's own import first (`lambda.Tracing`), then the class by name, then through aws-cdk-lib.
  for (const s of imports) {
    const nb = s.importClause!.namedBindings;
    if (spec((s.moduleSpecifier as ts.StringLiteral).text) && nb && ts.isNamespaceImport(nb)) return `${nb.name.text}.${cls}`;
  }
  for (const s of imports) {
    const m = (s.moduleSpecifier as ts.StringLiteral).text;
    const nb = s.importClause!.namedBindings;
    if (spec(m) && nb && ts.isNamedImports(nb)) {
      const el = nb.elements.find((x) => (x.propertyName ?? x.name).text === cls);
      if (el) return el.name.text;
    }
    if (m === 'aws-cdk-lib' && nb && ts.isNamespaceImport(nb)) return `${nb.name.text}.${module.replace(/-/g, '_')}.${cls}`;
    if (m === 'aws-cdk-lib' && nb && ts.isNamedImports(nb)) {
      const el = nb.elements.find((x) => (x.propertyName ?? x.name).text === module.replace(/-/g, '_'));
      if (el) return `${el.name.text}.${cls}`;
    }
  }
  return undefined;
}

/** A value for a prop: an enum member through `values`, else a literal. */
function renderTs(v: Out, spec: KeySpec | undefined, at: Val, q: string): string {
  if ('str' in v && spec?.values?.[v.str] && spec.module) {
    const [cls, member] = spec.values[v.str].split('.');
    const ref = classRef(at, spec.module, cls);
    if (!ref) throw new Unsupported(`the file does not import ${spec.module}`);
    return `${ref}.${member}`;
  }
  if ('str' in v) return tsString(v.str, q);
  if ('raw' in v) return v.raw;
  if ('seq' in v) return `[${v.seq.map((x) => renderTs(x, undefined, at, q)).join(', ')}]`;
  if ('map' in v) return `{ ${v.map.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsString(k, q)}: ${renderTs(x, undefined, at, q)}`).join(', ')} }`;
  throw new Unsupported('a reference to another resource is not written into CDK code here');
}

function attempt(val: Val, f: () => TextEdit | undefined): TextEdit | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof Unsupported) return unsupported(val, e.message);
    throw e;
  }
}

export function tsReplaceValue(val: Val, v: Out): TextEdit {
  const info = editInfo(val.node);
  const s = val.span;
  const text = val.doc.text;
  return attempt(val, () => {
    if (info?.kind === 'ts-value' && 'str' in v) {
      const written = info.values?.[v.str] ?? (info.runtimePrefix && runtimeMember(v.str) ? info.runtimePrefix + runtimeMember(v.str) : undefined);
      if (!written) throw new Unsupported(`${v.str} has no CDK name here`);
      return { file: s.file, start: s.start, end: s.end, newText: written };
    }
    if (info?.kind === 'read-only' || info) throw new Unsupported('this value is not written in the source');
    const c = text[s.start];
    if ('str' in v && (c === "'" || c === '"' || c === '`')) return { file: s.file, start: s.start, end: s.end, newText: tsString(v.str, c) };
    if ('raw' in v && /^[-\d.tf]/.test(c ?? '')) return { file: s.file, start: s.start, end: s.end, newText: v.raw };
    throw new Unsupported('only literals and enum members are replaced in CDK code');
  })!;
}

/** Inserts `name: value` into an object literal whose `{` ends at `open` and `}` starts at `close`. */
function insertProp(file: string, text: string, open: number, close: number, lastEnd: number | undefined, entry: string): TextEdit {
  const inner = text.slice(open, close);
  const multiline = inner.includes('\n');
  if (lastEnd === undefined) return { file, start: open, end: open, newText: multiline ? `\n  ${entry},` : ` ${entry} ` };
  let j = lastEnd;
  while (j < close && /[ \t]/.test(text[j])) j++;
  const trailing = text[j] === ',';
  const at = trailing ? j + 1 : lastEnd;
  if (multiline) {
    const ls = lineStartOf(text, lastEnd);
    const indent = /^[ \t]*/.exec(text.slice(ls))![0];
    return { file, start: at, end: at, newText: `${trailing ? '' : ','}\n${indent}${entry}${trailing ? ',' : ''}` };
  }
  return { file, start: at, end: at, newText: `${trailing ? ' ' : ', '}${entry}${trailing ? ',' : ''}` };
}

export function tsInsertEntry(map: Val, key: string, v: Out): TextEdit {
  const info = editInfo(map.node);
  const text = map.doc.text;
  return attempt(map, () => {
    if (info?.kind !== 'ts-object') throw new Unsupported('this map is not an object literal in the source');
    let spec = info.schema?.keys[key];
    let value = v;
    // `TracingConfig: { Mode: Active }` is the one prop `tracing: lambda.Tracing.ACTIVE`.
    if (spec?.block && 'map' in v && v.map.length === 1) {
      const [k, x] = v.map[0];
      spec = spec.block.keys[k];
      value = x;
    }
    if (!spec) throw new Unsupported(`${key} has no CDK prop here`);
    const q = quoteOf(text, text.search(/['"`]/) >= 0 ? text.search(/['"`]/) : 0);
    const rendered = `${spec.name}: ${renderTs(value, spec, map, q)}`;
    const sf = sourceOfDoc(map.doc);
    const obj = sf ? objectAt(sf, info.open - 1) : undefined;
    if (!obj) throw new Unsupported('object literal not found');
    // `deployOptions.tracingEnabled`: into the nested object when there is one, else a new nested object.
    if (spec.path?.length) {
      const outer = obj.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === spec!.path![0]);
      if (outer && ts.isPropertyAssignment(outer) && ts.isObjectLiteralExpression(outer.initializer)) {
        const o = outer.initializer;
        const last = o.properties[o.properties.length - 1];
        return insertProp(map.file, text, o.getStart(sf) + 1, o.getEnd() - 1, last?.getEnd(), rendered);
      }
      if (outer) throw new Unsupported(`${spec.path[0]} is not an object literal`);
      const last = obj.properties[obj.properties.length - 1];
      return insertProp(map.file, text, info.open, info.close, last?.getEnd(), `${spec.path[0]}: { ${rendered} }`);
    }
    const last = obj.properties[obj.properties.length - 1];
    return insertProp(map.file, text, info.open, info.close, last?.getEnd(), rendered);
  })!;
}

/** The object literal whose `{` is at `offset`. */
function objectAt(sf: ts.SourceFile, offset: number): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.getEnd() <= offset || n.getStart(sf) > offset) return;
    if (ts.isObjectLiteralExpression(n) && n.getStart(sf) === offset) {
      found = n;
      return;
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return found;
}

function inArray(text: string, start: number): boolean {
  const c = prevSignificant(text, start);
  return c === '[' || c === ',';
}

export function tsReplaceItems(val: Val, items: Out[]): TextEdit {
  const s = val.span;
  const text = val.doc.text;
  return attempt(val, () => {
    if (editInfo(val.node) || !inArray(text, s.start)) throw new Unsupported('not an item of an array literal');
    const q = quoteOf(text, s.start);
    return { file: s.file, start: s.start, end: s.end, newText: items.map((x) => renderTs(x, undefined, val, q)).join(', ') };
  })!;
}

export function tsAppendItem(seq: Val, v: Out): TextEdit | undefined {
  const text = seq.doc.text;
  if (editInfo(seq.node) || text[seq.span.start] !== '[') return undefined;
  return attempt(seq, () => {
    const items = seq.items();
    const last = items[items.length - 1];
    const q = last ? quoteOf(text, last.span.start) : "'";
    const value = renderTs(v, undefined, seq, q);
    if (!last) return { file: seq.file, start: seq.span.start + 1, end: seq.span.start + 1, newText: value };
    return insertProp(seq.file, text, seq.span.start + 1, seq.span.end - 1, last.span.end, value);
  });
}

export function tsRemoveItem(val: Val): TextEdit | undefined {
  const s = val.span;
  const text = val.doc.text;
  if (editInfo(val.node) || !inArray(text, s.start)) return undefined;
  let j = s.end;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === ',') {
    j++;
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    return { file: s.file, start: s.start, end: j, newText: '' };
  }
  let i = s.start;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (text[i - 1] === ',') return { file: s.file, start: i - 1, end: s.end, newText: '' };
  return undefined;
}
