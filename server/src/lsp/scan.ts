// The workspace scan command, on the main thread: work-done progress (a file count), cancellation,
// and the diagnostics of files that are not open, published as the worker streams them.
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { AnalysisClient } from './analysis-client.js';
import type { Publisher } from './publisher.js';
import type { ScanSummary } from './protocol.js';

interface ScanContext {
  connection: Connection;
  analysis: AnalysisClient;
  publisher: Publisher;
  token: CancellationToken;
  workDone: WorkDoneProgressReporter | undefined;
}

export const EMPTY_SUMMARY: ScanSummary = { cancelled: false, files: 0, filesWithFindings: 0, error: 0, warning: 0, info: 0 };

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
  progress?.begin('FaaSGuard: scanning workspace', 0, 'Finding files...', true);
  const token = {
    onCancellationRequested(cb: () => void) {
      ctx.token.onCancellationRequested(cb);
      serverToken?.onCancellationRequested(cb);
    },
  };
  try {
    const summary = await ctx.analysis.scan(
      (files) => ctx.publisher.publish(files),
      (done, total) => {
        // The scan passes over the files twice: analysis, then grouping by file.
        const files = total / 2;
        const first = done < files;
        const n = first ? done : done - files;
        progress?.report(Math.round((done / Math.max(1, total)) * 100), `${first ? 'Analysing' : 'Collecting'} ${n}/${files} files`);
      },
      token,
    );
    // The answer comes once the diagnostics it counts are published.
    await ctx.publisher.drained();
    return summary;
  } finally {
    progress?.done();
  }
}
