// "FaaSGuard: indexing" work-done progress, one per folder while the worker builds its model for
// an analysis. The diagnostics published before the progress ends are an opened file's first
// findings (from the configs near it); those after it are complete. The end is queued behind the
// results already received, so that a client sees it after the first findings and before the rest.
import * as path from 'node:path';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { Publisher } from './publisher.js';

export class IndexingProgress {
  private readonly open = new Map<string, Promise<WorkDoneProgressServerReporter | undefined>>();
  /** The client shows server-created progress (`window.workDoneProgress`): set at initialize. */
  supported = false;

  constructor(private readonly connection: Connection, private readonly publisher: Publisher) {}

  update(root: string, done: boolean): void {
    if (!done) {
      if (!this.supported || this.open.has(root)) return;
      this.open.set(root, this.begin(root));
      return;
    }
    const p = this.open.get(root);
    if (!p) return;
    this.open.delete(root);
    this.publisher.after(() => p.then((r) => r?.done()));
  }

  private async begin(root: string): Promise<WorkDoneProgressServerReporter | undefined> {
    try {
      const r = await this.connection.window.createWorkDoneProgress();
      r.begin(`FaaSGuard: indexing ${path.basename(root)}`, undefined, 'First findings come from the configs near the open files; the complete ones follow.', false);
      return r;
    } catch {
      return undefined; // the client refused the progress: nothing to show
    }
  }
}
