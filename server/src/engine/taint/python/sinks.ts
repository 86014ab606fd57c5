// Python sink calls: the extra conditions some sinks have (`shell=True`, a non-safe YAML loader, an
// lxml parser that resolves entities, tar extraction without a filter, SQL text), and the arguments
// (positional, keyword, `**splat`, the receiver) that must not carry data.
import type { PyNode } from '../../code/python-ast.js';
import type { PyInterp as Interp } from './interp.js';
import type { CalleeInfo } from '../callee.js';
import type { SinkSpec } from '../types.js';
import { join, type AV } from '../values.js';
import { literalText, unwrap } from './syntax.js';
import { ext } from './ext.js';

/** A call's evaluated arguments, with the nodes they came from. */
export interface PyCall {
  node: PyNode;
  positional: AV[];
  positionalNodes: PyNode[];
  keywords: Map<string, { value: AV; node: PyNode }>;
  /** `**kwargs` passed to the call: the dict (its known keys are also in `keywords`). */
  splat?: { value: AV; node: PyNode };
  receiver?: AV;
  receiverNode?: PyNode;
}

const SHELLS = /^(?:.*\/)?(?:sh|bash|zsh|dash|ksh|csh|tcsh|fish|cmd|cmd\.exe|powershell|pwsh)$/i;
const SQL_START = /^\s*\(?\s*(select|insert|update|delete|with|replace|merge|upsert|create|drop|alter|truncate|call|exec|execute|grant|revoke|set|show|describe|explain)\b/i;
const SAFE_YAML_LOADER = /(^|\.)(SafeLoader|CSafeLoader|BaseLoader|CBaseLoader)$/;

function falsy(n: PyNode | undefined): boolean {
  if (!n) return true;
  n = unwrap(n);
  return n.type === 'false' || n.type === 'none' || (n.type === 'integer' && Number(n.text) === 0) || literalText(n) === '';
}

function shellOn(c: PyCall): boolean {
  const shell = c.keywords.get('shell');
  return !!shell && !falsy(shell.node);
}

/** The command argument: positional 0, or `args=`. */
function command(c: PyCall): { value: AV; node: PyNode } | undefined {
  if (c.positional[0] && c.positionalNodes[0]) return { value: c.positional[0], node: c.positionalNodes[0] };
  return c.keywords.get('args');
}

function conditionHolds(spec: SinkSpec, c: PyCall): boolean {
  switch (spec.when) {
    case undefined:
    case 'html-response':
      return true;
    case 'shell-option':
      return shellOn(c);
    case 'program':
      return !shellOn(c) && !isShellList(c);
    case 'shell-program':
      return !shellOn(c) && isShellList(c);
    case 'sql-text': {
      const v = c.positional[0] ?? c.keywords.get('sql')?.value ?? c.keywords.get('query')?.value ?? c.keywords.get('statement')?.value;
      const text = v?.literal ?? v?.prefix;
      return !!text && SQL_START.test(text);
    }
    case 'unsafe-yaml-loader': {
      const loader = c.keywords.get('Loader')?.node ?? c.positionalNodes[1];
      return !loader || !SAFE_YAML_LOADER.test(loader.type === 'identifier' || loader.type === 'attribute' ? dotted(loader) : '');
    }
    case 'xml-entities': {
      const parser = c.keywords.get('parser')?.value ?? c.positional[1];
      return !!parser && !!ext(parser)?.resolvesEntities;
    }
    case 'tar-no-filter':
      return !c.keywords.has('filter');
    default:
      return false;
  }
}

function dotted(n: PyNode): string {
  const parts: string[] = [];
  let cur: PyNode | undefined = n;
  for (let i = 0; cur && i < 16; i++) {
    if (cur.type === 'identifier') return [cur.text, ...parts].join('.');
    if (cur.type !== 'attribute') return '';
    parts.unshift(cur.children.find((x) => x.field === 'attribute')?.text ?? '');
    cur = cur.children.find((x) => x.field === 'object');
  }
  return '';
}

/** `["bash", "-c", cmd]`: a shell told to run its argument as a command. */
function isShellList(c: PyCall): boolean {
  const cmd = command(c);
  const list = cmd ? unwrap(cmd.node) : undefined;
  if (!list || (list.type !== 'list' && list.type !== 'tuple')) return false;
  const program = list.children[0] ? literalText(list.children[0]) : undefined;
  if (!program || !SHELLS.test(program)) return false;
  return list.children.some((e) => /^(?:-[a-z]*c|\/c|-command)$/i.test(literalText(e) ?? ''));
}

/** Reports the arguments (or their properties) of a matched sink call that carry attacker data. */
export function checkSink(it: Interp, spec: SinkSpec, c: PyCall, info: CalleeInfo): void {
  if (!conditionHolds(spec, c)) return;
  const whole = spec.wholeLabel ? { ...spec, label: spec.wholeLabel } : spec;
  const check = (v: AV, node: PyNode) => {
    if (spec.when === 'program' || spec.when === 'shell-program') return checkCommand(it, spec, c, v, node, info);
    if (spec.props && v.props) {
      for (const p of spec.props) {
        const pv = v.props.get(p);
        if (pv) it.checkValue(spec, c.node, it.propNode(v, p) ?? node, pv, info);
      }
      if (spec.wholeObject) it.checkValue(whole, c.node, node, { taints: v.taints, deps: v.deps, sym: v.sym }, info);
      return;
    }
    // A list argument (a command and its arguments) carries what its elements carry.
    it.checkValue(spec.props && spec.wholeObject ? whole : spec, c.node, node, v.elem ? join(v, v.elem) : v, info);
  };
  for (const i of spec.args) {
    const v = c.positional[i];
    const node = c.positionalNodes[i];
    if (v && node) check(v, node);
  }
  for (const k of spec.kwargs ?? []) {
    const a = c.keywords.get(k);
    if (a) check(a.value, a.node);
  }
  if (spec.receiver && c.receiver && c.receiverNode) it.checkValue(spec, c.node, c.receiverNode, c.receiver, info);
  // `table.query(**request)`: the request itself comes from the event.
  if (spec.wholeObject && c.splat) it.checkValue(whole, c.node, c.splat.node, { taints: c.splat.value.taints, deps: c.splat.value.deps, sym: c.splat.value.sym }, info);
}

/** Without a shell, only the program is a sink: the string, or the first element of the list. */
function checkCommand(it: Interp, spec: SinkSpec, c: PyCall, v: AV, node: PyNode, info: CalleeInfo): void {
  const list = unwrap(node);
  const isList = list.type === 'list' || list.type === 'tuple';
  if (spec.when === 'shell-program') {
    // `bash -c <command>`: every element after the shell's options is shell text.
    if (!isList) return;
    list.children.forEach((e, i) => {
      const t = literalText(e);
      if (i === 0 || (t !== undefined && t.startsWith('-'))) return;
      const ev = v.props?.get(String(i));
      if (ev) it.checkValue(spec, c.node, e, ev, info);
    });
    return;
  }
  if (isList) {
    const first = v.props?.get('0');
    if (first && list.children[0]) it.checkValue(spec, c.node, list.children[0], first, info);
    return;
  }
  // A list held in a variable: its elements are arguments, its first one the program.
  if (v.props?.has('0')) {
    it.checkValue(spec, c.node, node, v.props.get('0')!, info);
    return;
  }
  if (!v.elem) it.checkValue(spec, c.node, node, v, info);
}

export { SQL_START };
