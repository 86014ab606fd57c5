// Function code written in the config (SAM InlineCode, CloudFormation Code.ZipFile, CDK
// Code.fromInline): analysed by the code rules as a file of its own, with the function that writes
// it as its handler's binding, and its findings moved into the config at the characters they are on.
// Fixes are not offered there (an edit would have to be re-encoded for the string's quoting).
import type { AppModel, FunctionModel, InlineCode } from '../model/types.js';
import type { CodeRule } from '../rule.js';
import type { FileHost } from '../host.js';
import type { Finding, Span } from '../types.js';
import { parseCode } from './parse.js';
import { bindHandlers } from './bindings.js';
import { runCodeRules } from '../runner.js';

const cache = new WeakMap<InlineCode, { key: string; findings: Finding[] }>();
/** The functions of a model that write their code inline, by the file it is written in (in model order). */
const inlineByFile = new WeakMap<AppModel, Map<string, FunctionModel[]>>();

function inlineFunctions(model: AppModel, file: string): FunctionModel[] {
  let index = inlineByFile.get(model);
  if (!index) {
    index = new Map();
    for (const fn of model.functions) {
      const origin = fn.handler?.inline?.origin;
      if (origin !== undefined) (index.get(origin) ?? index.set(origin, []).get(origin)!).push(fn);
    }
    inlineByFile.set(model, index);
  }
  return index.get(file) ?? [];
}

/** The findings of the code that functions write in `file`, placed in `file`. */
export function inlineCodeFindings(file: string, model: AppModel, rules: CodeRule[], host: FileHost, settingsKey: string): Finding[] {
  const out: Finding[] = [];
  // Every file of a scan asks: the functions are indexed by file once per model, not searched each time.
  for (const fn of inlineFunctions(model, file)) {
    const inline = fn.handler?.inline;
    if (!inline || inline.origin !== file) continue;
    const cached = cache.get(inline);
    if (cached && cached.key === settingsKey) {
      out.push(...cached.findings);
      continue;
    }
    const findings = analyseInline(fn, inline, model, rules, host);
    cache.set(inline, { key: settingsKey, findings });
    out.push(...findings);
  }
  return out;
}

function analyseInline(fn: FunctionModel, inline: InlineCode, model: AppModel, rules: CodeRule[], host: FileHost): Finding[] {
  const language = fn.handler?.language === 'python' ? 'python' : 'js';
  const code = parseCode(inline.file, inline.text, language);
  const bindings = bindHandlers(code, model, fn);
  const mine = rules.filter((r) => r.languages.includes(language));
  // Inline code has no local modules to import.
  const raw = runCodeRules(mine, code, bindings, model, host, () => undefined);
  const moved: Finding[] = [];
  for (const f of raw) {
    if (f.span.file !== inline.file) continue;
    const span = place(f.span, inline);
    moved.push({
      ...f,
      span,
      related: f.related?.map((r) => ({ ...r, span: r.span.file === inline.file ? place(r.span, inline) : r.span })),
      fixes: undefined,
      message: f.message,
      properties: { ...f.properties, inlineCode: true },
      // A comment inside the code would change the code (`#` is not a comment in JS): it goes above the string.
      suppressAt: inline.hostStart,
    });
  }
  return moved;
}

function place(s: Span, inline: InlineCode): Span {
  const at = (o: number) => inline.offsets[Math.min(Math.max(o, 0), inline.offsets.length - 1)];
  const start = at(s.start);
  // The last character's source ends where the next one starts (an escape such as \" is two), unless
  // a line break and indentation lie between them.
  const last = at(s.end - 1);
  const next = at(s.end);
  const end = s.end > s.start ? (next > last && next - last <= 10 ? next : last + 1) : start;
  return { file: inline.origin, start, end: Math.max(start, end) };
}
