// The messages between the language server's main thread (the LSP connection) and the analysis
// worker (the engine). Types only: the main thread never loads the engine through this file.
import type { Diagnostic, Position } from 'vscode-languageserver/node';
import type { ScanSummary } from './protocol.js';

export interface EditorSettings {
  rules: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  exclude: string[];
}

/** One file's diagnostics, converted in the worker, for the document version they were computed on. */
export interface FileResult {
  file: string;
  /** The editor version the ranges are for; undefined for the file on disk. */
  version?: number;
  diagnostics: Diagnostic[];
}

export type Op =
  /** `files` re-analysed; `force` are published even when unchanged (they were edited). */
  | { op: 'analyze'; files: string[]; force: string[] }
  | { op: 'hover'; file: string; position: Position }
  | { op: 'scan' }
  | { op: 'sarif' }
  | { op: 'stats' };

export type ToWorker =
  | { kind: 'roots'; add: string[]; remove: string[] }
  | { kind: 'settings'; settings: EditorSettings }
  | { kind: 'text'; file: string; text: string; version: number }
  | { kind: 'close'; file: string }
  | { kind: 'rediscover' }
  /** Files the watchdog stopped: analysed as empty, with one `file-skipped` diagnostic each. */
  | { kind: 'skip'; files: { file: string; reason: string }[] }
  | { kind: 'unskip'; file: string }
  /** Forget what was sent (disabled, or the main thread cleared everything). */
  | { kind: 'reset' }
  | ({ kind: 'request'; id: number } & Op)
  | { kind: 'cancel'; id: number };

export interface WorkerStats {
  heapUsed: number;
  /** Per-file state the worker keeps: open buffers, files with sent diagnostics, loose-file engines. */
  overlays: number;
  sent: number;
  looseEngines: number;
  engines: number;
  analyses: number;
}

/** What a hover says about a rule: the main thread does not load the rules themselves. */
export interface RuleInfo {
  id: string;
  category: string;
  severity: string;
  description: string;
  cwe: string[];
}

export type FromWorker =
  | { kind: 'ready'; rules: RuleInfo[] }
  | { kind: 'reply'; id: number; result?: unknown; error?: string }
  /**
   * Results streamed during a request (analyze, scan), in chunks, before its reply: FileResult[] as
   * JSON text. A string crosses threads as one copy; an object graph is rebuilt on arrival, all
   * queued chunks at once, which held the main thread for 200 ms at the end of a scan of the corpus.
   * The main thread parses each chunk when it gets to it.
   */
  | { kind: 'files'; id: number; json: string }
  | { kind: 'progress'; id: number; done: number; total: number }
  /**
   * What the worker starts on: the watchdog blames this file when the worker stops answering. The
   * model phase (every config of a folder at once) has a longer budget; `file` is then the edited
   * config, if any.
   */
  | { kind: 'working'; file?: string; model?: boolean }
  /**
   * A folder's model is being built for an analysis (`done` false), or is built (`done` true): the
   * diagnostics sent before the end came from the configs near the edited files only (their first
   * findings); those sent after it are complete.
   */
  | { kind: 'indexing'; root: string; done: boolean }
  /** Still on it: a model phase reading its files (thousands in a large workspace) says so now and then. */
  | { kind: 'beat' }
  | { kind: 'log'; level: 'log' | 'error'; message: string };

export type ScanReply = ScanSummary;
