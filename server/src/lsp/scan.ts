// The workspace scan command: every file of every folder, with work-done progress (a file count),
// cancellation, and diagnostics published for files that are not open. Also the SARIF export.
import type { CancellationToken, Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { Finding } from '../engine/types.js';
import { allRules } from '../../../rules/index.js';
import { locate } from '../report/locate.js';
import { Locator } from '../report/ranges.js';
import { toSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import type { Workspaces } from './workspaces.js';
import type { ScanSummary } from './protocol.js';



interface ScanContext {
  connection: Connection;
  workspaces: Workspaces;
  token: CancellationToken;
  workDone: WorkDoneProgressReporter | undefined;
  publish(file: string, findings: Finding[]): void;
  published: Map<string, Diagnostic[]>;
}

const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

export async function runScan(ctx: ScanContext): Promise<ScanSummary> {
  let progress: WorkDoneProgressReporter | undefined = ctx.workDone;
  let serverToken: CancellationToken | undefined;
  if (!progress) {
    try {
      const p = await ctx.connection.window.createWorkDoneProgress();
      progress = p;
      serverToken = p.token;
    } catch {
      progress = undefined; // the client does not show progress
    }
  }
  const cancelled = () => ctx.token.isCancellationRequested || !!serverToken?.isCancellationRequested;
  progress?.begin('FaaSGuard: scanning workspace', 0, 'Finding files...', true);
  const summary: ScanSummary = { cancelled: false, files: 0, filesWithFindings: 0, error: 0, warning: 0, info: 0 };
  const all = new Map<string, Finding[]>();
  try {
    for (const engine of ctx.workspaces.all) {
      const steps = engine.scanSteps();
      // 0: the first step reports at once (with the file count), however fast the rest goes.
      let last = 0;
      for (;;) {
        const r = steps.next();
        if (r.done) {
          summary.files += r.value.fileCount;
          for (const [f, findings] of r.value.results) all.set(f, findings);
          break;
        }
        if (Date.now() - last > 15) {
          // Let cancellation and other requests through, and report the count.
          await yieldToEventLoop();
          last = Date.now();
          if (cancelled()) {
            summary.cancelled = true;
            return summary;
          }
          // The scan passes over the files twice: analysis, then grouping by file.
          const files = r.value.total / 2;
          const first = r.value.done < files;
          const n = first ? r.value.done : r.value.done - files;
          progress?.report(Math.round((r.value.done / Math.max(1, r.value.total)) * 100), `${first ? 'Analysing' : 'Collecting'} ${n}/${files} files`);
        }
      }
    }
    // Publish: new results, and clear files that no longer have findings.
    for (const file of [...ctx.published.keys()]) if (!all.has(file)) ctx.publish(file, []);
    for (const [file, findings] of all) {
      ctx.publish(file, findings);
      const live = findings.filter((f) => !f.suppressed);
      if (live.length) summary.filesWithFindings++;
      for (const f of live) summary[f.severity]++;
    }
    return summary;
  } finally {
    progress?.done();
  }
}

/** The same SARIF as `faasguard scan --format sarif`, for the first workspace folder. */
export function exportSarif(workspaces: Workspaces): { root: string; sarif: object } | null {
  const engine = workspaces.all[0];
  if (!engine) return null;
  const { results } = engine.analyzeWorkspace();
  const loc = new Locator(engine.root, (f) => workspaces.host.readFile(f));
  return { root: engine.root, sarif: toSarif(allRules, locate(loc, results), loc, VERSION, { notices: engine.notices }) };
}
