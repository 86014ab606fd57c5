// The LSP handlers: documents, workspace folders, settings and watched files feed the analysis
// client and the publisher; hover, code actions and commands answer from the published diagnostics
// or through the worker. Every handler catches its own errors: one bad file or one bug never stops
// the server, and none of them runs the engine on this thread.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  DidChangeConfigurationNotification,
  WorkDoneProgressReporter,
  type Connection,
  type InitializeResult,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileRole } from '../engine/workspace.js';
import { codeActions } from './actions.js';
import { hoverFor } from './hover.js';
import { EMPTY_SUMMARY, runScan } from './scan.js';
import { EXPORT_SARIF_COMMAND, SCAN_COMMAND, SELECT_COMMAND, STATS_REQUEST } from './protocol.js';
import { readSettings, sanitizeSettings, type ClientSettings } from './settings.js';
import { VERSION } from '../version.js';
import type { AnalysisClient } from './analysis-client.js';
import type { Publisher } from './publisher.js';
import type { IndexingProgress } from './indexing.js';
import { fileOf } from './paths.js';

export interface ServerParts {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analysis: AnalysisClient;
  publisher: Publisher;
  indexing: IndexingProgress;
}

export function registerHandlers({ connection, documents, analysis, publisher, indexing }: ServerParts): void {
  let canPullConfig = false;
  const log = (msg: string) => connection.console.log(`[faasguard] ${msg}`);
  const error = (name: string, e: unknown) => connection.console.error(`[faasguard] ${name} failed: ${(e as Error).stack ?? e}`);
  const safe = <A extends unknown[], R>(name: string, fallback: R, fn: (...a: A) => R) => (...a: A): R => {
    try {
      return fn(...a);
    } catch (e) {
      error(name, e);
      return fallback;
    }
  };
  const safeAsync = <A extends unknown[], R>(name: string, fallback: R, fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    try {
      return await fn(...a);
    } catch (e) {
      error(name, e);
      return fallback;
    }
  };

  connection.onInitialize(
    safe('initialize', {} as InitializeResult, (params): InitializeResult => {
      const roots = (params.workspaceFolders ?? []).map((f) => fileOf(f.uri)).filter((f): f is string => !!f);
      if (roots.length === 0 && params.rootUri) {
        const r = fileOf(params.rootUri);
        if (r) roots.push(r);
      }
      analysis.setRoots(roots, []);
      canPullConfig = !!params.capabilities.workspace?.configuration;
      indexing.supported = !!params.capabilities.window?.workDoneProgress;
      const clientManagesCommands = !!(params.initializationOptions as { clientManagesCommands?: boolean } | undefined)?.clientManagesCommands;
      log(`FaaSGuard ${VERSION} serving ${roots.join(', ') || 'loose files'}`);
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: 2 /* incremental */, save: { includeText: false } },
          codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
          hoverProvider: true,
          // The VS Code client registers its own palette commands (with a notification progress).
          executeCommandProvider: { commands: clientManagesCommands ? [] : [SCAN_COMMAND, EXPORT_SARIF_COMMAND] },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'faasguard', version: VERSION },
      };
    }),
  );

  async function applySettings(): Promise<void> {
    let s: ClientSettings;
    try {
      s = await readSettings(connection, canPullConfig);
    } catch (e) {
      error('reading settings', e);
      s = sanitizeSettings({}); // the defaults, rather than no analysis at all
    }
    analysis.setSettings({ rules: s.rules, exclude: s.exclude });
    publisher.setEnabled(s.enable);
    // Disabled means no analysis: the worker starts only when there is something to analyse.
    if (s.enable) {
      analysis.start();
      publisher.schedule(undefined, 0);
    }
  }

  connection.onInitialized(async () => {
    try {
      if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'faasguard' });
      await applySettings();
    } catch (e) {
      error('initialized', e);
    }
    try {
      // Throws when the client does not send folder changes.
      connection.workspace.onDidChangeWorkspaceFolders(safe('folders', undefined, (e) => {
        const removed = e.removed.map((f) => fileOf(f.uri)).filter((f): f is string => !!f);
        analysis.setRoots(e.added.map((f) => fileOf(f.uri)).filter((f): f is string => !!f), removed);
        publisher.dropUnder(removed);
        publisher.schedule(undefined);
      }));
    } catch {
      // no folder changes to follow
    }
  });

  connection.onDidChangeConfiguration(() => void applySettings().catch((e) => error('settings', e)));

  documents.onDidOpen(safe('open', undefined, (e) => {
    const f = fileOf(e.document.uri);
    if (!f) return;
    analysis.setText(f, e.document.getText(), e.document.version);
    publisher.schedule(f, 0);
  }));
  documents.onDidChangeContent(safe('change', undefined, (e) => {
    const f = fileOf(e.document.uri);
    if (!f) return;
    analysis.setText(f, e.document.getText(), e.document.version);
    publisher.schedule(f);
  }));
  documents.onDidSave(safe('save', undefined, (e) => publisher.schedule(fileOf(e.document.uri), 0)));
  documents.onDidClose(safe('close', undefined, (e) => {
    const f = fileOf(e.document.uri);
    if (!f) return;
    analysis.close(f);
    publisher.schedule(f, 0);
  }));

  connection.onDidChangeWatchedFiles(safe('watched files', undefined, (p) => {
    let structural = false;
    for (const c of p.changes) {
      const f = fileOf(c.uri);
      if (!f) continue;
      if (c.type !== 2 /* changed */) structural = true;
      analysis.changedOnDisk(f);
      if (fileRole(f)) publisher.schedule(f);
    }
    if (structural) analysis.rediscover();
    publisher.schedule(undefined);
  }));

  connection.onCodeAction(safe('code action', [], (params) => codeActions(params, documents.get(params.textDocument.uri)?.version)));

  connection.onHover(safeAsync('hover', null, async (params, token) => {
    const f = fileOf(params.textDocument.uri);
    if (!f) return null;
    const onFinding = hoverFor(publisher.published.get(f) ?? [], params.position, analysis.rules);
    if (onFinding) return onFinding;
    // A grant in the config: which code uses each of its actions (the model is the worker's).
    if (!publisher.isEnabled || !documents.get(params.textDocument.uri)) return null;
    const md = await analysis.hover(f, params.position);
    if (token.isCancellationRequested) return null;
    return md ? { contents: { kind: 'markdown' as const, value: md } } : null;
  }));

  let scanning: Promise<unknown> = Promise.resolve();
  connection.onExecuteCommand(async (params, token, workDone) => {
    try {
      if (params.command === SCAN_COMMAND) {
        if (!publisher.isEnabled) return { ...EMPTY_SUMMARY };
        // One scan at a time.
        const previous = scanning;
        const run = previous.catch(() => undefined).then(() =>
          // The library always passes a reporter (and deletes params.workDoneToken); a null one means
          // the client sent no token, and the scan then creates its own progress.
          runScan({ connection, analysis, publisher, token, workDone: WorkDoneProgressReporter.isNullInstance(workDone) ? undefined : workDone }),
        );
        scanning = run;
        return await run;
      }
      if (params.command === EXPORT_SARIF_COMMAND) return publisher.isEnabled ? await analysis.sarif() : null;
      if (params.command === SELECT_COMMAND) return null; // an editor-side convenience
      return null;
    } catch (e) {
      error(params.command, e);
      return { error: (e as Error).message };
    }
  });

  // How long the message loop was held, at most, since the last stats request.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();

  // The server's own state, for tests and diagnosis: memory, per-file records, the message loop.
  connection.onRequest(STATS_REQUEST, safeAsync('stats', null, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const worker = await analysis.stats();
    gc?.();
    const stats = {
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
      published: publisher.published.size,
      documents: documents.all().length,
      workerStarted: analysis.started,
      restarts: analysis.restarts,
      loopDelayMaxMs: loop.max / 1e6,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      worker,
    };
    loop.reset();
    return stats;
  }));
}
