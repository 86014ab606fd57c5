// The rule format. A rule is a folder `rules/<id>/` whose `rule.ts` default-exports `defineRule(...)`.
// The folder name is the rule id, the diagnostic code, the docs slug and the SARIF ruleId.
import type { AppModel, FunctionModel } from './model/types.js';
import type { Category, Fix, RelatedLocation, Severity, Span } from './types.js';
import type { CodeFile, HandlerBinding } from './code/types.js';
import type { HandlerTriggers, TaintFlow } from './taint/types.js';

export interface RuleMeta {
  category: Category;
  severity: Severity;
  /** One line: what the rule finds. Used as SARIF shortDescription and in the rules table. */
  title: string;
  /** A paragraph: why it matters. Used as SARIF fullDescription and in the hover. */
  description: string;
  cwe: string[];
  /** OWASP references, e.g. `A01:2021 Broken Access Control` or `SAS-3 Over-Privileged Functions`. */
  owasp: string[];
  /** Whether the quick fix is safe to apply without review (`unsafe`: it changes behaviour). */
  fix: 'safe' | 'unsafe' | 'none';
  /**
   * Every kind of message the rule reports, by id: what the message says, in words. A report names
   * its kind (`messageId`, which may be left out when there is one kind). The id, not the wording,
   * goes into the SARIF fingerprint, so rewording a message does not reopen its alerts.
   */
  messages: Record<string, string>;
}

export interface Report {
  span: Span;
  message: string;
  /** Which of the rule's `meta.messages` this is (may be left out when the rule has one). */
  messageId?: string;
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
  hover?: string;
  /** Machine-readable facts about the finding (SARIF `result.properties`), e.g. `triggerInferred`. */
  properties?: Record<string, string | number | boolean>;
  /** The offset whose line a suppression covers, when not the span's own (see Finding.suppressAt). */
  suppressAt?: number;
}

export interface BaseContext {
  model: AppModel;
  /** Reads a workspace file (for fixes that need another file's text). */
  readFile(file: string): string | undefined;
  /** A code file of the workspace, parsed (cached by version); a model rule that reads it is re-run when it changes. */
  loadCode?(file: string): CodeFile | undefined;
  /** Today, for rules that compare dates (injectable for tests). */
  now?(): Date;
  report(r: Report): void;
}

export type ModelRuleContext = BaseContext;

export interface CodeRuleContext extends BaseContext {
  code: CodeFile;
  /** The handlers this file exports, each with the function (if config names it) and its triggers. */
  handlers: HandlerBinding[];
  /** Functions whose handler is in this file. */
  functions: FunctionModel[];
  /** Taint flows from event sources to sinks in this file (computed once, shared by rules). */
  flows(): TaintFlow[];
  /** The triggers each handler was analysed with: from config, or inferred from its code (computed with the flows). */
  handlerTriggers(): HandlerTriggers[];
  /** Another code file of the workspace, parsed (cached); findings in it are re-checked when it changes. */
  loadModule?(file: string): CodeFile | undefined;
  /** Says that a bound stopped part of this rule's work on the file (one note per file names the rules and why). */
  stopped?(why: string): void;
}

interface RuleBase {
  id: string;
  meta: RuleMeta;
}

export interface ModelRule extends RuleBase {
  scope: 'model';
  check(ctx: ModelRuleContext): void;
}

export interface CodeRule extends RuleBase {
  scope: 'code';
  languages: ('js' | 'python')[];
  check(ctx: CodeRuleContext): void;
}

export type Rule = ModelRule | CodeRule;

export function defineRule<R extends Rule>(rule: R): R {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(rule.id)) throw new Error(`rule id is not kebab-case: ${rule.id}`);
  return rule;
}
