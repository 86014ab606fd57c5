// Runs rules in isolation: a rule that throws becomes one internal-error finding naming the rule
// and the file, and every other rule still reports.
import type { FileHost } from './host.js';
import type { AppModel } from './model/types.js';
import type { CodeRule, ModelRule, Report, Rule } from './rule.js';
import { ENGINE_CODES, type Finding, type Span } from './types.js';
import type { CodeFile, HandlerBinding } from './code/types.js';
import { analyzeTaint } from './taint/analyze.js';
import type { TaintFlow } from './taint/types.js';

function toFinding(rule: Rule, r: Report): Finding {
  return {
    ruleId: rule.id,
    category: rule.meta.category,
    severity: r.severity ?? rule.meta.severity,
    message: r.message,
    span: r.span,
    related: r.related,
    // A fix with an edit that cannot be written in the file's format (fix/hcl-edit.ts) is not offered.
    fixes: r.fixes?.filter((f) => f.edits.every((e) => !e.unsupported)),
    hover: r.hover,
  };
}

export function internalError(rule: Rule | string, file: string, e: unknown, span?: Span): Finding {
  const id = typeof rule === 'string' ? rule : rule.id;
  const msg = e instanceof Error ? e.message : String(e);
  return {
    ruleId: ENGINE_CODES.internalError,
    category: 'internal',
    severity: 'warning',
    message: `FaaSGuard rule ${id} failed on this file and reported nothing here (${msg}). Other rules still ran. Please report this.`,
    span: span ?? { file, start: 0, end: 0 },
  };
}

export interface ModelRunOptions {
  /** Parsed code files (the engine's cache). */
  loadCode?: (file: string) => CodeFile | undefined;
  now?: () => Date;
}

export function runModelRules(rules: ModelRule[], model: AppModel, host: FileHost, opts: ModelRunOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const mine: Finding[] = [];
    try {
      // Files a model rule reads (a handler, to see whether it verifies a signature) become part of
      // the model's cache key: editing them re-runs the model rules.
      const readFile = (f: string) => {
        model.filesRead.add(f);
        return host.readFile(f);
      };
      const loadCode = (f: string) => {
        model.filesRead.add(f);
        return opts.loadCode?.(f);
      };
      rule.check({ model, readFile, loadCode, now: opts.now ?? (() => new Date()), report: (r) => mine.push(toFinding(rule, r)) });
      out.push(...mine);
    } catch (e) {
      // A crash in a model rule cannot be pinned to one file: report it on every config file.
      for (const c of model.configs) out.push(internalError(rule, c.file, e));
    }
  }
  return dedupe(out);
}

export function runCodeRules(
  rules: CodeRule[],
  code: CodeFile,
  handlers: HandlerBinding[],
  model: AppModel,
  host: FileHost,
  loadModule: (file: string) => CodeFile | undefined,
): Finding[] {
  const out: Finding[] = [];
  let flows: TaintFlow[] | undefined;
  let taintError: unknown;
  const getFlows = () => {
    if (taintError) throw taintError;
    if (!flows) {
      try {
        flows = analyzeTaint(code, handlers, loadModule);
      } catch (e) {
        taintError = e;
        throw e;
      }
    }
    return flows;
  };
  const functions = handlers.flatMap((h) => (h.fn ? [h.fn] : []));
  for (const rule of rules) {
    const mine: Finding[] = [];
    try {
      rule.check({
        model, code, handlers, functions, flows: getFlows, loadModule,
        readFile: (f) => host.readFile(f),
        report: (r) => mine.push(toFinding(rule, r)),
      });
      out.push(...mine);
    } catch (e) {
      out.push(internalError(rule, code.file, e));
    }
  }
  return dedupe(out);
}

/** The same rule reporting the same span twice (a statement shared by several functions) counts once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.span.file}|${f.span.start}|${f.span.end}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
