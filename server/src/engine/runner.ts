// Runs rules in isolation: a rule that throws becomes one internal-error finding naming the rule
// and the file, and every other rule still reports.
import type { FileHost } from './host.js';
import type { AppModel } from './model/types.js';
import type { CodeRule, ModelRule, Report, Rule } from './rule.js';
import { ENGINE_CODES, type Finding, type Span } from './types.js';
import type { CodeFile, HandlerBinding } from './code/types.js';
import { analyzeCode } from './taint/analyze.js';
import type { CarryStore } from './taint/carry.js';
import type { TaintResult } from './taint/types.js';
import { fitFixes, suppressionAnchor, type EmbeddedHost } from './config/embedded.js';
import { ParamNotes } from './model/params.js';
import { isResourceLimit, limitReason } from './guard.js';

/** The report's message id: the one it names, else the rule's only one. */
function messageIdOf(rule: Rule, r: Report): string | undefined {
  if (r.messageId !== undefined) return r.messageId;
  const ids = Object.keys(rule.meta.messages ?? {});
  return ids.length === 1 ? ids[0] : undefined;
}

function toFinding(rule: Rule, r: Report): Finding {
  const messageId = messageIdOf(rule, r);
  return {
    ruleId: rule.id,
    category: rule.meta.category,
    severity: r.severity ?? rule.meta.severity,
    message: r.message,
    ...(messageId !== undefined ? { messageId } : {}),
    span: r.span,
    related: r.related,
    // A fix with an edit that cannot be written in the file's format (fix/hcl-edit.ts) is not offered.
    fixes: r.fixes?.filter((f) => f.edits.every((e) => !e.unsupported)),
    hover: r.hover,
    ...(r.properties ? { properties: r.properties } : {}),
    ...(r.suppressAt !== undefined ? { suppressAt: r.suppressAt } : {}),
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

/** The strings of the model's configs that hold a JSON policy document (config/embedded.ts). */
function embeddedHosts(model: AppModel): EmbeddedHost[] {
  const out = new Set<EmbeddedHost>();
  const add = (statements: { val: { doc: { embedded?: EmbeddedHost } } }[]) => {
    for (const s of statements) if (s.val.doc.embedded) out.add(s.val.doc.embedded);
  };
  for (const role of model.roles) for (const p of role.policies) add(p.statements);
  for (const p of model.resourcePolicies) add(p.statements);
  return [...out];
}

/** A report on or into JSON text inside a string: fixes fitted to the string's quoting, suppressions above it. */
function inHosts(r: Report, hosts: EmbeddedHost[]): Report {
  if (hosts.length === 0) return r;
  const suppressAt = suppressionAnchor(hosts, r.span.file, r.span.start);
  const fixes = fitFixes(r.fixes, hosts);
  return fixes === r.fixes && suppressAt === undefined ? r : { ...r, fixes, suppressAt };
}

export interface ModelRunOptions {
  /** Parsed code files (the engine's cache). */
  loadCode?: (file: string) => CodeFile | undefined;
  now?: () => Date;
  /** Where to record the files the rules read (by default the model's `filesRead`). */
  reads?: Set<string>;
}

/** What the model's reports are fitted with, once per model (rules may run one at a time). */
const prepared = new WeakMap<AppModel, { hosts: EmbeddedHost[]; params: ParamNotes }>();

export function runModelRules(rules: ModelRule[], model: AppModel, host: FileHost, opts: ModelRunOptions = {}): Finding[] {
  const out: Finding[] = [];
  let prep = prepared.get(model);
  if (!prep) prepared.set(model, (prep = { hosts: embeddedHosts(model), params: new ParamNotes(model.configs) }));
  const { hosts, params } = prep;
  for (const rule of rules) {
    const mine: Finding[] = [];
    try {
      // Files a model rule reads (a handler, to see whether it verifies a signature) are recorded:
      // editing them re-runs the model rules.
      const reads = opts.reads ?? model.filesRead;
      const readFile = (f: string) => {
        reads.add(f);
        return host.readFile(f);
      };
      const loadCode = (f: string) => {
        reads.add(f);
        return opts.loadCode?.(f);
      };
      rule.check({ model, readFile, loadCode, now: opts.now ?? (() => new Date()), report: (r) => mine.push(toFinding(rule, params.annotate(inHosts(r, hosts), rule.meta.category))) });
      out.push(...mine);
    } catch (e) {
      // A crash in a model rule cannot be pinned to one file: report it on every config file.
      for (const c of model.configs) out.push(isResourceLimit(e) ? stoppedEarly(c.file, limitReason(e), [rule.id]) : internalError(rule, c.file, e));
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
  carries?: CarryStore,
): Finding[] {
  const out: Finding[] = [];
  let taint: TaintResult | undefined;
  let taintError: unknown;
  const getTaint = () => {
    if (taintError) throw taintError;
    if (!taint) {
      try {
        taint = analyzeCode(code, handlers, loadModule, carries);
      } catch (e) {
        taintError = e;
        throw e;
      }
    }
    return taint;
  };
  const functions = handlers.flatMap((h) => (h.fn ? [h.fn] : []));
  /** Rules a resource limit stopped, by reason: one note for the file, naming them all. */
  const stopped = new Map<string, string[]>();
  for (const rule of rules) {
    const mine: Finding[] = [];
    try {
      rule.check({
        model, code, handlers, functions, flows: () => getTaint().flows, handlerTriggers: () => getTaint().handlers, loadModule,
        readFile: (f) => host.readFile(f),
        report: (r) => mine.push(toFinding(rule, r)),
        stopped: (why) => {
          const ids = stopped.get(why) ?? stopped.set(why, []).get(why)!;
          if (!ids.includes(rule.id)) ids.push(rule.id);
        },
      });
      out.push(...mine);
    } catch (e) {
      if (isResourceLimit(e)) {
        // What the rule reported before the limit stands; the note says the rest is missing.
        out.push(...mine);
        const why = limitReason(e);
        (stopped.get(why) ?? stopped.set(why, []).get(why)!).push(rule.id);
      } else out.push(internalError(rule, code.file, e));
    }
  }
  for (const [why, ids] of stopped) out.push(stoppedEarly(code.file, why, ids));
  if (taint?.stoppedEarly) out.push(stoppedEarly(code.file, taint.stoppedEarly, [], true));
  return dedupe(out);
}

/** One note per file: a limit stopped some of its analysis; what was found before it is reported. */
function stoppedEarly(file: string, why: string, ruleIds: string[], taint = false): Finding {
  const who = taint ? 'the data-flow analysis (injection rules)' : ruleIds.length === 1 ? `rule ${ruleIds[0]}` : `rules ${ruleIds.join(', ')}`;
  return {
    ruleId: ENGINE_CODES.analysisStopped, category: 'internal', severity: 'warning', span: { file, start: 0, end: 0 },
    message: `Analysis stopped early on this file: ${why}. Findings ${who} made before that are reported; the rest of this file was not checked by ${taint ? 'it' : ruleIds.length === 1 ? 'it' : 'them'}.`,
  };
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
