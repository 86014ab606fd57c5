// What the server and the VS Code client agree on: command ids and the scan's answer. No imports,
// so the client can use it without pulling the engine into its bundle.

export const SCAN_COMMAND = 'faasguard.scanWorkspace';
export const EXPORT_SARIF_COMMAND = 'faasguard.exportSarif';
/** Client-side only: selects a range (the reason of a new suppression comment). */
export const SELECT_COMMAND = 'faasguard.selectRange';

export interface ScanSummary {
  cancelled: boolean;
  files: number;
  filesWithFindings: number;
  error: number;
  warning: number;
  info: number;
}

/** A server request (no params): memory and per-file state counts, for tests and diagnosis. */
export const STATS_REQUEST = 'faasguard/stats';
