// Entry of the analysis worker (bundled as dist/analysis-worker.js): a worker thread of the language
// server that owns the engines, so that no analysis runs on the server's message loop. It loads the
// tree-sitter grammars, says `ready`, then hands every message to the AnalysisService.
import { parentPort } from 'node:worker_threads';
import { loadParsers } from '../engine/util/tree-sitter.js';
import { AnalysisService } from './analysis-service.js';
import { allRules } from '../../../rules/index.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (port) {
  const post = (m: FromWorker) => port.postMessage(m);
  const service = new AnalysisService(post);
  const rules = allRules.map((r) => ({ id: r.id, category: r.meta.category, severity: r.meta.severity, description: r.meta.description, cwe: [...r.meta.cwe] }));
  const ready = loadParsers().then(() => post({ kind: 'ready', rules }));
  port.on('message', (m: ToWorker) => {
    // Messages keep their order: those that came before `ready` wait for it, in turn.
    void ready
      .then(() => service.handle(m))
      .catch((e: Error) => post({ kind: 'log', level: 'error', message: `${m.kind} failed: ${e.stack ?? e}` }));
  });
}
