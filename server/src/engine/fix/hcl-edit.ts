// The edit helpers for values read from Terraform (config/terraform): the same operations as
// yaml-edit.ts, written as HCL at the spans the model holds, keeping formatting and comments. A
// CloudFormation key is written under its Terraform name (the view's schema, else its snake_case),
// a reference as a Terraform reference (`aws_iam_role.r.arn`), a pseudo parameter through the data
// source the module declares. What cannot be written in Terraform (a reference to something the
// module does not know, an account id with no `aws_caller_identity`) makes the edit unsupported:
// the fix is then not offered. JSON inside a heredoc is edited as JSON, with `${...}` references.
import type { Val } from '../config/val.js';
import type { TextEdit } from '../types.js';
import { editInfo, type KeySpec } from '../config/synthetic.js';
import { bookOf, type TfBook } from '../config/terraform/book.js';
import { schemaFor, snake, tfTypeOf } from '../config/terraform/views.js';
import { REF_ATTRS } from '../config/terraform/evaluate.js';
import type { Out } from './yaml-edit.js';
import { lineStartOf, prevSignificant, unsupported } from './edit-text.js';
export { unsupported };

class Unsupported extends Error {}

function hclString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A log group the same fix adds: fix/logging.ts names it after the resource it serves
 * (`<id>LogGroup`, `<id>AccessLogs`), and renderResource writes it as `aws_cloudwatch_log_group`.
 */
function newResourceType(local: string, book: TfBook): string | undefined {
  const m = /^(.+?)(LogGroup|AccessLogs)\d*$/.exec(local);
  return m && book.types.has(m[1]) ? 'aws_cloudwatch_log_group' : undefined;
}

/** The Terraform name of a resource a fix adds: the last part of its id. */
function resourceName(id: string): string {
  const name = id.split('.').pop()!.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** A reference to `id` (a full address) from a file of the module `book` describes. */
function reference(id: string, attr: string | undefined, book: TfBook | undefined): string {
  if (!book) throw new Unsupported('no module information');
  const pseudo = book.pseudo.get(id);
  if (pseudo) return pseudo;
  if (id === 'AWS::Partition') return '"aws"';
  if (id === 'AWS::URLSuffix') return '"amazonaws.com"';
  if (id.startsWith('AWS::')) throw new Unsupported(`${id} needs a data source the module does not declare`);
  if (!id.startsWith(book.prefix)) throw new Unsupported(`${id} is in another module`);
  const local = id.slice(book.prefix.length);
  const type = book.types.get(local) ?? newResourceType(local, book);
  if (!type) throw new Unsupported(`${id} is not a resource of this module`);
  if (!book.types.has(local)) return `${type}.${resourceName(local)}.${attr === undefined ? 'name' : snake(attr)}`;
  const a = attr === undefined ? (REF_ATTRS[type]?.[0] ?? 'id') : snake(attr);
  return `${local}.${a}`;
}

/** `${Id}` / `${Id.Attr}` / `${AWS::X}` in a Sub template: the Terraform expression inside `${}`. */
function subVar(name: string, book: TfBook | undefined): string {
  if (name.startsWith('AWS::')) {
    const r = reference(name, undefined, book);
    return r.startsWith('"') ? r.slice(1, -1) : `\${${r}}`;
  }
  // A name the configuration spells out is written as text (a log group named after its function).
  const literal = book && name.startsWith(book.prefix) ? book.literals.get(name.slice(book.prefix.length)) : undefined;
  if (literal !== undefined) return hclString(literal).slice(1, -1);
  if (book?.types.has(name.slice(book.prefix.length)) || !name.includes('.')) return `\${${reference(name, undefined, book)}}`;
  const dot = name.lastIndexOf('.');
  return `\${${reference(name.slice(0, dot), name.slice(dot + 1), book)}}`;
}

function subTemplate(template: string, book: TfBook | undefined): string {
  let out = '';
  let at = 0;
  for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
    out += hclString(template.slice(at, m.index)).slice(1, -1);
    out += m[1].startsWith('!') ? `$\${${m[1].slice(1)}}` : subVar(m[1], book);
    at = m.index! + m[0].length;
  }
  return `"${out}${hclString(template.slice(at)).slice(1, -1)}"`;
}

/** An Out as an HCL expression. */
export function renderHcl(v: Out, book: TfBook | undefined): string {
  if ('str' in v) {
    // `{{resolve:secretsmanager:...}}` is resolved by CloudFormation at deploy time; Terraform would store the text.
    if (/^\{\{resolve:/.test(v.str)) throw new Unsupported('CloudFormation dynamic references do not exist in Terraform');
    return hclString(v.str);
  }
  if ('raw' in v) return v.raw;
  if ('ref' in v) return reference(v.ref, undefined, book);
  if ('getAtt' in v) return reference(v.getAtt[0], v.getAtt[1], book);
  if ('sub' in v) return subTemplate(v.sub, book);
  if ('seq' in v) return `[${v.seq.map((x) => renderHcl(x, book)).join(', ')}]`;
  const entries = v.map.map(([k, x]) => `${IDENT.test(k) ? k : hclString(k)} = ${renderHcl(x, book)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** An Out for JSON written inside a heredoc: references become `"${...}"` strings. */
function jsonOut(v: Out, book: TfBook | undefined): Out {
  if ('ref' in v || 'getAtt' in v) return { str: `\${${renderHcl(v, book)}}` };
  if ('sub' in v) return { str: subTemplate(v.sub, book).slice(1, -1).replace(/\$\$\{/g, '${') };
  if ('seq' in v) return { seq: v.seq.map((x) => jsonOut(x, book)) };
  if ('map' in v) return { map: v.map.map(([k, x]) => [k, jsonOut(x, book)]) };
  return v;
}

function hasIntrinsic(v: Out): boolean {
  if ('ref' in v || 'getAtt' in v || 'sub' in v) return true;
  if ('seq' in v) return v.seq.some(hasIntrinsic);
  if ('map' in v) return v.map.some(([, x]) => hasIntrinsic(x));
  return false;
}

/** `key = value`, or a nested block when the schema says the key is one. */
function renderEntry(key: string, v: Out, spec: KeySpec | undefined, indent: string, book: TfBook | undefined): string {
  const name = spec?.name ?? snake(key);
  if (spec?.block && 'map' in v) {
    const inner = v.map.map(([k, x]) => renderEntry(k, x, spec.block!.keys[k], indent + '  ', book)).join('\n');
    return `${indent}${name} {\n${inner}\n${indent}}`;
  }
  return `${indent}${name} = ${renderHcl(v, book)}`;
}

/** A new resource block from a CloudFormation `{Type, Properties}` body. */
function renderResource(id: string, body: Out, book: TfBook | undefined): string {
  if (!('map' in body)) throw new Unsupported('not a resource');
  const type = body.map.find(([k]) => k === 'Type')?.[1];
  const props = body.map.find(([k]) => k === 'Properties')?.[1];
  const tfType = type && 'str' in type ? tfTypeOf(type.str) : undefined;
  if (!tfType) throw new Unsupported('no Terraform resource for this type');
  const schema = schemaFor(tfType);
  const lines = props && 'map' in props ? props.map.map(([k, x]) => renderEntry(k, x, schema.keys[k], '  ', book)) : [];
  return `resource "${tfType}" "${resourceName(id)}" {\n${lines.join('\n')}\n}`;
}

function attempt(val: Val, f: () => TextEdit | undefined): TextEdit | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof Unsupported) return unsupported(val, e.message);
    throw e;
  }
}

function readOnly(val: Val): boolean {
  return editInfo(val.node)?.kind === 'read-only';
}

export function hclReplaceValue(val: Val, v: Out): TextEdit {
  if (readOnly(val)) return unsupported(val, 'this value is not written in the source');
  const s = val.span;
  return attempt(val, () => ({ file: s.file, start: s.start, end: s.end, newText: renderHcl(v, bookOf(val.doc)) }))!;
}

export function hclInsertEntry(map: Val, key: string, v: Out): TextEdit {
  const info = editInfo(map.node);
  const text = map.doc.text;
  const book = bookOf(map.doc);
  return attempt(map, () => {
    if (info?.kind === 'hcl-object') {
      const entries = map.entries();
      const last = entries[entries.length - 1];
      const k = IDENT.test(key) ? key : hclString(key);
      const value = renderHcl(v, book);
      if (!last) return { file: map.file, start: info.open, end: info.open, newText: ` ${k} = ${value} ` };
      const at = last.val.span.end;
      const multiline = text.slice(info.open, last.keySpan.start).includes('\n');
      const indent = text.slice(lineStartOf(text, last.keySpan.start), last.keySpan.start);
      const comma = /^\s*,/.test(text.slice(at, info.close + 1)) ? '' : multiline ? '' : ',';
      return multiline
        ? { file: map.file, start: at, end: at, newText: `${comma}\n${/^[ \t]*$/.test(indent) ? indent : '  '}${k} = ${value}` }
        : { file: map.file, start: at, end: at, newText: `${comma} ${k} = ${value}` };
    }
    if (info?.kind !== 'hcl-block') throw new Unsupported('this map is not written in the source');
    // The Resources of a configuration: a new resource block at the end of the file.
    if (info.indent === '' && info.close === text.length) {
      const block = renderResource(key, v, book);
      const sep = text.endsWith('\n') ? '\n' : '\n\n';
      return { file: map.file, start: text.length, end: text.length, newText: `${sep}${block}\n` };
    }
    const spec = info.schema?.keys[key];
    if (spec?.writer === 'policy-attachment') return attachments(map, v, book);
    if (spec?.writer === 'method-settings') return methodSettings(map, v, book);
    const entry = renderEntry(key, v, spec, info.indent, book);
    const ls = lineStartOf(text, info.close);
    if (/^[ \t]*$/.test(text.slice(ls, info.close))) return { file: map.file, start: ls, end: ls, newText: `${entry}\n` };
    return { file: map.file, start: info.close, end: info.close, newText: `\n${entry}\n${text.slice(ls, info.close).match(/^[ \t]*/)![0]}` };
  })!;
}

/** `ManagedPolicyArns` of a role: one `aws_iam_role_policy_attachment` per ARN, after the role. */
function attachments(role: Val, v: Out, book: TfBook | undefined): TextEdit {
  const arns = 'seq' in v ? v.seq : [v];
  const s = role.span;
  const text = role.doc.text;
  const header = /resource\s+"aws_iam_role"\s+"([^"]+)"/.exec(text.slice(s.start, s.end));
  if (!header) throw new Unsupported('not a role block');
  const name = header[1];
  const blocks = arns.map((a) => {
    const policy = 'str' in a ? a.str.split('/').pop()!.replace(/[^A-Za-z0-9_-]/g, '_') : 'policy';
    return `resource "aws_iam_role_policy_attachment" "${name}_${policy}" {\n  role       = aws_iam_role.${name}.name\n  policy_arn = ${renderHcl(a, book)}\n}`;
  });
  return { file: role.file, start: s.end, end: s.end, newText: `\n\n${blocks.join('\n\n')}` };
}

/** `MethodSettings` of a REST API stage: an `aws_api_gateway_method_settings` resource after the stage. */
function methodSettings(stage: Val, v: Out, book: TfBook | undefined): TextEdit {
  const s = stage.span;
  const text = stage.doc.text;
  const header = /resource\s+"aws_api_gateway_stage"\s+"([^"]+)"/.exec(text.slice(s.start, s.end));
  const api = stage.get('RestApiId');
  const items = 'seq' in v ? v.seq : [v];
  if (!header || !api || items.length !== 1 || !('map' in items[0])) throw new Unsupported('not a stage block');
  const props = new Map(items[0].map);
  const rp = props.get('ResourcePath');
  const method = props.get('HttpMethod');
  const path = rp && 'str' in rp && method && 'str' in method ? `${rp.str === '/*' ? '*' : rp.str.replace(/^\//, '').replace(/\//g, '~1')}/${method.str}` : undefined;
  if (!path) throw new Unsupported('no method path');
  const settings = [...props].filter(([k]) => k !== 'ResourcePath' && k !== 'HttpMethod').map(([k, x]) => `    ${snake(k)} = ${renderHcl(x, book)}`);
  const name = header[1];
  const block = `resource "aws_api_gateway_method_settings" "${name}_all" {\n  rest_api_id = ${api.source}\n  stage_name  = aws_api_gateway_stage.${name}.stage_name\n  method_path = ${hclString(path)}\n  settings {\n${settings.join('\n')}\n  }\n}`;
  return { file: stage.file, start: s.end, end: s.end, newText: `\n\n${block}` };
}

/** Before the resource `beforeKey` of a configuration's Resources (with the comment lines above it). */
export function hclInsertEntryBefore(map: Val, beforeKey: string, key: string, v: Out): TextEdit | undefined {
  const target = map.entries().find((e) => e.key === beforeKey);
  const info = editInfo(map.node);
  if (!target || info?.kind !== 'hcl-block' || info.indent !== '') return undefined;
  const text = target.val.doc.text;
  const blockStart = target.val.span.start;
  let at = lineStartOf(text, blockStart);
  for (;;) {
    const prev = lineStartOf(text, at - 1);
    if (at === 0 || !/^\s*(#|\/\/)/.test(text.slice(prev, at))) break;
    at = prev;
  }
  return attempt(map, () => ({ file: target.val.file, start: at, end: at, newText: `${renderResource(key, v, bookOf(target.val.doc))}\n\n` }));
}

function inList(text: string, start: number): boolean {
  const c = prevSignificant(text, start, true);
  return c === '[' || c === ',';
}

export function hclAppendItem(seq: Val, v: Out): TextEdit | undefined {
  if (seq.kind !== 'seq' || seq.intrinsic() || readOnly(seq)) return undefined;
  const text = seq.doc.text;
  if (text[seq.span.start] !== '[') return undefined;
  return attempt(seq, () => {
    const value = renderHcl(v, bookOf(seq.doc));
    const items = seq.items();
    const last = items[items.length - 1];
    if (!last) return { file: seq.file, start: seq.span.start + 1, end: seq.span.start + 1, newText: value };
    let j = last.span.end;
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    const trailing = text[j] === ',';
    const at = trailing ? j + 1 : last.span.end;
    const ls = lineStartOf(text, last.span.start);
    const multiline = text.slice(seq.span.start, last.span.start).includes('\n');
    const indent = text.slice(ls, last.span.start);
    if (multiline && /^[ \t]*$/.test(indent)) return { file: seq.file, start: at, end: at, newText: `${trailing ? '' : ','}\n${indent}${value}${trailing ? ',' : ''}` };
    return { file: seq.file, start: at, end: at, newText: `${trailing ? ' ' : ', '}${value}${trailing ? ',' : ''}` };
  });
}

export function hclReplaceItems(val: Val, items: Out[], oneValue: boolean): TextEdit {
  if (readOnly(val)) return unsupported(val, 'this value is not written in the source');
  const s = val.span;
  const text = val.doc.text;
  return attempt(val, () => {
    const book = bookOf(val.doc);
    const rendered = items.map((x) => renderHcl(x, book));
    const listed = !oneValue && inList(text, s.start);
    // A lone value becomes a list only where a policy allows one (`Action = "s3:*"` in jsonencode),
    // not where it is a string input of a module or a variable's default.
    if (!listed && rendered.length > 1 && !/(?:^|[\s{,])"?(Action|NotAction|Resource|NotResource)"?\s*[=:]\s*$/.test(text.slice(Math.max(0, s.start - 40), s.start))) {
      throw new Unsupported('the value is a single string here');
    }
    const newText = listed || rendered.length === 1 ? rendered.join(', ') : `[${rendered.join(', ')}]`;
    return { file: s.file, start: s.start, end: s.end, newText };
  })!;
}

export function hclRemoveItem(val: Val): TextEdit | undefined {
  if (readOnly(val)) return undefined;
  const s = val.span;
  const text = val.doc.text;
  if (!inList(text, s.start)) return undefined;
  let j = s.end;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === ',') {
    j++;
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    // An item on a line of its own: take the whole line.
    const ls = lineStartOf(text, s.start);
    if (/^[ \t]*$/.test(text.slice(ls, s.start)) && text[j] === '\n') return { file: s.file, start: ls, end: j + 1, newText: '' };
    return { file: s.file, start: s.start, end: j, newText: '' };
  }
  let i = s.start;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (text[i - 1] === ',') return { file: s.file, start: i - 1, end: s.end, newText: '' };
  return undefined;
}

/** JSON in a heredoc: the Out with references written as `${...}` strings, for the JSON helpers. */
export function heredocOut(val: Val, v: Out): Out | TextEdit {
  try {
    return jsonOut(v, bookOf(val.doc));
  } catch (e) {
    if (e instanceof Unsupported) return unsupported(val, e.message);
    throw e;
  }
}

export { hasIntrinsic };
