// Core value types shared by the whole engine. No editor or LSP types here: the LSP and the CLI
// adapt these to their own shapes.

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type Category = 'injection' | 'permissions' | 'logging' | 'secrets' | 'misconfiguration';
export const CATEGORIES: readonly Category[] = ['injection', 'permissions', 'logging', 'secrets', 'misconfiguration'];

/** A range of text in one file. Offsets are UTF-16 code units (JS string indices), end exclusive. */
export interface Span {
  /** Absolute path of the file. */
  file: string;
  start: number;
  end: number;
}

export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
  /**
   * Set when the edit cannot be written in the file's format (a Terraform file with no data source
   * for the account id, a value the source does not spell out): a fix with such an edit is not offered.
   */
  unsupported?: string;
}

export interface Fix {
  /** Stable id of the kind of fix, e.g. `narrow-to-read`. Cases name `.fixed` files after it. */
  id: string;
  title: string;
  edits: TextEdit[];
  /** The fix changes what the application may do (it narrows permissions, for instance). */
  changesBehaviour?: boolean;
  /** The first fix the editor should offer. */
  isPreferred?: boolean;
  /** After applying, select this span (used to put the cursor on a suppression's reason). */
  select?: Span;
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  category: Category | 'internal';
  severity: Severity;
  message: string;
  /** The kind of message, from the rule's `meta.messages` (rule findings only). */
  messageId?: string;
  span: Span;
  /** For taint findings, each step from the source to the sink, in order. */
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Extra Markdown for the hover, for example what a wildcard expands to. */
  hover?: string;
  /** Set when a suppression comment hides this finding. */
  suppressed?: { reason: string; span: Span };
  /** Machine-readable facts about the finding (SARIF `result.properties`), e.g. `triggerInferred`. */
  properties?: Record<string, string | number | boolean>;
  /**
   * The offset whose line a suppression comment covers, when it is not the finding's own: a finding
   * inside a multi-line string (a JSON policy in `!Sub '...'`) is suppressed above the string.
   */
  suppressAt?: number;
}

/** Codes of the diagnostics the engine itself emits (not rules). */
export const ENGINE_CODES = {
  parseError: 'parse-error',
  fileSkipped: 'file-skipped',
  /** A limit (nesting, a budget) stopped part of a file's analysis: what was found before it is kept. */
  analysisStopped: 'analysis-stopped',
  internalError: 'internal-error',
  suppressionWithoutReason: 'suppression-without-reason',
  unusedSuppression: 'unused-suppression',
  unknownRuleInSuppression: 'unknown-rule-in-suppression',
  projectConfigError: 'project-config-error',
  modelNote: 'model-note',
  /** A library copy, bundle or generated file: not analysed by the code rules (code/vendored.ts). */
  notHandlerCode: 'not-handler-code',
} as const;
