// Taint analysis vocabulary: where attacker data enters, where it must not arrive, and what makes it
// safe on the way. The catalogue is data, tagged by language, so another language's front end can
// reuse it.
import type { TriggerKind } from '../model/types.js';
import type { Fix, Span } from '../types.js';

export type SinkFamily =
  | 'shell'
  | 'code'
  | 'sql'
  | 'nosql'
  | 'path'
  | 'ssrf'
  | 'html'
  | 'redirect'
  | 'deserialization'
  | 'template'
  | 'regex'
  | 'prototype'
  /** Not an injection: details of a caught error (a stack trace, an unexpected error's message) in a response. */
  | 'error-detail';

export const SINK_FAMILIES: readonly SinkFamily[] = ['shell', 'code', 'sql', 'nosql', 'path', 'ssrf', 'html', 'redirect', 'deserialization', 'template', 'regex', 'prototype', 'error-detail'];

export type Language = 'js' | 'python';

/** Attacker-controlled parts of `event` for a trigger. `*` in a path matches any key or index. */
export interface SourceSpec {
  triggers: TriggerKind[];
  /** Path below `event`, e.g. ['Records', '*', 's3', 'object', 'key']. */
  path: string[];
  /** How the message names it, e.g. "S3 object key". */
  label: string;
}

/** Where a called function comes from: a module (and optionally a path of properties), or a global. */
export interface CalleeSpec {
  /** Module names (`child_process`, `mysql2/promise`); values derived from them keep their origin. */
  modules?: string[];
  /** Global functions/constructors (`eval`, `Function`, `setTimeout`). */
  globals?: string[];
  /** Called function or method names (last property). `*` any. */
  names: string[];
  /** `new X(...)` instead of a call. */
  construct?: boolean;
  /** The value's path from the module must include one of these (e.g. `DocumentClient`). */
  pathIncludes?: string[];
  /** The value's path from the module must not include these (a prepared statement's `get`). */
  pathExcludes?: string[];
}

export interface SinkSpec {
  id: string;
  language: Language;
  family: SinkFamily;
  /** How the message names it, e.g. `child_process.execSync`. */
  label: string;
  callee: CalleeSpec;
  /** Argument positions that must not carry attacker data. */
  args: number[];
  /** Keyword arguments that must not carry attacker data (Python: `url=`, `FilterExpression=`). */
  kwargs?: string[];
  /** The object the method is called on must not carry attacker data (`Path(p).read_text()`). */
  receiver?: boolean;
  /** When set, the sink is these properties of the object argument (e.g. FilterExpression). */
  props?: string[];
  /** The whole object argument being attacker-controlled is also a finding (request objects). */
  wholeObject?: boolean;
  /** How the message names the sink when the whole object is attacker data. */
  wholeLabel?: string;
  /** Extra condition, implemented by the engine (`shell-option`, `string-argument`, ...). */
  when?: SinkCondition;
}

export type SinkCondition =
  /** spawn/execFile: the command (arg 0) always; the arguments only with `shell: true`. */
  | 'shell-option'
  /** spawn/execFile of a shell (`sh -c`, `bash -c`) or a command runner (`env`, `xargs`, `ssh`). */
  | 'shell-program'
  /** setTimeout/setInterval: only when the first argument is a string. */
  | 'string-argument'
  /** js-yaml load: unless a safe schema is given (js-yaml 4's load is safe by default only with no schema). */
  | 'unsafe-yaml-schema'
  /** The response object has a text/html content type. */
  | 'html-response'
  /** The query text looks like SQL (for `query`/`execute` on an unknown client). */
  | 'sql-text'
  /** Python subprocess: the command without a shell (only the program it names is a sink). */
  | 'program'
  /** PyYAML load with a loader that is not a safe one (or none). */
  | 'unsafe-yaml-loader'
  /** lxml parsing with a parser made with `resolve_entities=True`. */
  | 'xml-entities'
  /** tarfile extraction without an extraction `filter`. */
  | 'tar-no-filter';

export interface SanitizerSpec {
  id: string;
  language: Language;
  callee: CalleeSpec;
  /**
   * Families the returned value is safe for; `all` when it cannot carry a payload (a number).
   * `urlencoded` is safe for SSRF only after a fixed scheme and host.
   */
  sanitizes: (SinkFamily | 'urlencoded')[] | 'all';
}

export interface SourceInfo {
  label: string;
  /** e.g. `event.Records[].s3.object.key` */
  path: string;
  trigger: TriggerKind | 'unknown';
  span: Span;
  /** No config names the trigger: it was inferred from the event fields the code reads (or is unknown). */
  inferred?: boolean;
  /** Inferred, but the field itself says where it comes from (a top-level HTTP request field). */
  unambiguous?: boolean;
  /** `error`: not event data but details of a caught error (only the error-detail family sees them). */
  kind?: 'event' | 'error';
}

export interface FlowStep {
  span: Span;
  message: string;
}

export interface TaintFlow {
  sink: SinkSpec;
  /** The sink argument that carries attacker data. */
  span: Span;
  /** The whole call expression. */
  callSpan: Span;
  source: SourceInfo;
  steps: FlowStep[];
  /** Fixes computed by the sink's family fixer, when one applies. */
  fixes?: Fix[];
}

/** The triggers a handler was analysed with. */
export interface HandlerTriggers {
  exportPath: string[];
  kinds: TriggerKind[];
  /** No config names the trigger: `kinds` were inferred from the code (empty: unknown). */
  inferred: boolean;
}

export interface TaintResult {
  flows: TaintFlow[];
  handlers: HandlerTriggers[];
  /** Set when a budget stopped part of the analysis (the flows found before it are kept): why. */
  stoppedEarly?: string;
}
