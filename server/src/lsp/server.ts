// The language server: a thin adapter from LSP to the engine. Every handler catches its own errors,
// so one bad file or one bug never stops the server.
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WorkDoneProgressReporter,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules } from '../../../rules/index.js';
import type { Finding } from '../engine/types.js';
import { fileRole } from '../engine/workspace.js';
import { codeActions } from './actions.js';
import { RangeMaker, toDiagnostic, uriOf } from './convert.js';
import { hoverFor } from './hover.js';
import { LineIndex } from '../engine/util/lines.js';
import { Workspaces } from './workspaces.js';
import { runScan, exportSarif } from './scan.js';
import { EXPORT_SARIF_COMMAND, SCAN_COMMAND, SELECT_COMMAND } from './protocol.js';
import { readSettings, type ClientSettings } from './settings.js';
import { VERSION } from '../version.js';
import { loadParsers } from '../engine/util/tree-sitter.js';

const DEBOUNCE_MS = 100;

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const workspaces = new Workspaces(allRules);
  const rules = new Map(allRules.map((r) => [r.id, r]));
  const published = new Map<string, Diagnostic[]>(); // by file
  let settings: ClientSettings = { enable: true, rules: {}, exclude: [] };
  let canPullConfig = false;
  let clientManagesCommands = false;
  let timer: NodeJS.Timeout | undefined;
  const dirty = new Set<string>();

  const log = (msg: string) => connection.console.log(`[faasguard] ${msg}`);
  const safe = <A extends unknown[], R>(name: string, fallback: R, fn: (...a: A) => R) => (...a: A): R => {
    try {
      return fn(...a);
    } catch (e) {
      connection.console.error(`[faasguard] ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };

  const fileOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  /** The findings each file was last published from: the engine returns the same array when nothing changed. */
  const publishedFrom = new Map<string, { findings: Finding[]; enabled: boolean }>();

  function publish(file: string, findings: Finding[], force: boolean): void {
    const last = publishedFrom.get(file);
    if (!force && last && last.findings === findings && last.enabled === settings.enable) return;
    publishedFrom.set(file, { findings, enabled: settings.enable });
    const doc = documents.get(uriOf(file));
    const ranges = new RangeMaker((f) => workspaces.host.readFile(f));
    const diagnostics = settings.enable ? findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(f, ranges, doc?.version)) : [];
    const before = published.get(file);
    if (!force && before && JSON.stringify(before) === JSON.stringify(diagnostics)) return;
    if (!force && !before && diagnostics.length === 0) return;
    if (diagnostics.length) published.set(file, diagnostics);
    else published.delete(file);
    void connection.sendDiagnostics({ uri: uriOf(file), version: doc?.version, diagnostics });
  }

  /** Re-analyses the changed files, the open documents and every file that has diagnostics. */
  const validate = safe('validate', undefined, () => {
    timer = undefined;
    const changed = new Set(dirty);
    dirty.clear();
    const targets = new Set<string>([...changed, ...published.keys()]);
    for (const d of documents.all()) {
      const f = fileOf(d.uri);
      if (f) targets.add(f);
    }
    const byEngine = new Map<ReturnType<Workspaces['engineFor']>, string[]>();
    for (const f of targets) {
      const e = workspaces.engineFor(f);
      if (!e.isInRoot(f) && !documents.get(uriOf(f))) continue;
      e.addFile(f);
      (byEngine.get(e) ?? byEngine.set(e, []).get(e)!).push(f);
    }
    for (const [engine, files] of byEngine) {
      const results = engine.analyze(files);
      for (const [file, findings] of results) publish(file, findings, changed.has(file));
    }
  });

  function schedule(file: string | undefined, delay = DEBOUNCE_MS): void {
    if (file) dirty.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void parsersLoaded.then(validate), delay);
  }

  // The tree-sitter grammars (Python, Terraform) load while the client initialises; analysis waits for them.
  const parsersLoaded = loadParsers();

  connection.onInitialize(
    safe('initialize', {} as InitializeResult, (params): InitializeResult => {
      const roots = (params.workspaceFolders ?? []).map((f) => fileOf(f.uri)).filter((f): f is string => !!f);
      if (roots.length === 0 && params.rootUri) {
        const r = fileOf(params.rootUri);
        if (r) roots.push(r);
      }
      workspaces.setRoots(roots);
      canPullConfig = !!params.capabilities.workspace?.configuration;
      clientManagesCommands = !!(params.initializationOptions as { clientManagesCommands?: boolean } | undefined)?.clientManagesCommands;
      log(`FaaSGuard ${VERSION} serving ${roots.join(', ') || 'loose files'}`);
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
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

  connection.onInitialized(async () => {
    try {
      if (canPullConfig) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'faasguard' });
        await applySettings();
      }
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        workspaces.setRoots(e.added.map((f) => fileOf(f.uri)).filter((f): f is string => !!f));
        schedule(undefined);
      });
    } catch (e) {
      connection.console.error(`[faasguard] initialized: ${(e as Error).message}`);
    }
  });

  async function applySettings(): Promise<void> {
    settings = await readSettings(connection, canPullConfig);
    workspaces.setSettings({ rules: settings.rules, exclude: settings.exclude });
    schedule(undefined, 0);
  }

  connection.onDidChangeConfiguration(() => {
    void applySettings().catch((e) => connection.console.error(`[faasguard] settings: ${(e as Error).message}`));
  });

  documents.onDidOpen(safe('open', undefined, (e) => {
    const f = fileOf(e.document.uri);
    if (!f) return;
    workspaces.host.set(f, e.document.getText(), e.document.version);
    schedule(f, 0);
  }));
  documents.onDidChangeContent(safe('change', undefined, (e) => {
    const f = fileOf(e.document.uri);
    if (!f) return;
    workspaces.host.set(f, e.document.getText(), e.document.version);
    schedule(f);
  }));
  documents.onDidSave(safe('save', undefined, (e) => schedule(fileOf(e.document.uri), 0)));
  documents.onDidClose(safe('close', undefined, (e) => {
    const f = fileOf(e.document.uri);
    if (!f) return;
    workspaces.host.delete(f);
    schedule(f, 0);
  }));

  connection.onDidChangeWatchedFiles(safe('watched files', undefined, (p) => {
    let structural = false;
    for (const c of p.changes) {
      const f = fileOf(c.uri);
      if (!f) continue;
      if (c.type !== 2 /* changed */) structural = true;
      if (fileRole(f)) dirty.add(f);
    }
    if (structural) workspaces.rediscover();
    schedule(undefined);
  }));

  connection.onCodeAction(safe('code action', [], (params) => codeActions(params, documents.get(params.textDocument.uri)?.version)));

  connection.onHover(safe('hover', null, (params) => {
    const f = fileOf(params.textDocument.uri);
    if (!f) return null;
    const onFinding = hoverFor(published.get(f) ?? [], params.position, rules);
    if (onFinding) return onFinding;
    // A grant in the config: which code uses each of its actions.
    const doc = documents.get(params.textDocument.uri);
    const text = doc?.getText();
    const md = text !== undefined ? workspaces.engineFor(f).hoverAt(f, new LineIndex(text).offsetAt(params.position)) : undefined;
    return md ? { contents: { kind: 'markdown', value: md } } : null;
  }));

  connection.onExecuteCommand(async (params, token, workDone) => {
    try {
      if (params.command === SCAN_COMMAND) {
        await parsersLoaded;
        if (timer) validate();
        // The library always passes a reporter (and deletes params.workDoneToken); a null one means
        // the client sent no token, and the scan then creates its own progress.
        const clientProgress = WorkDoneProgressReporter.isNullInstance(workDone) ? undefined : workDone;
        return await runScan({ connection, workspaces, token, workDone: clientProgress, publish: (file, findings) => publish(file, findings, true), published });
      }
      if (params.command === EXPORT_SARIF_COMMAND) {
        await parsersLoaded;
        return exportSarif(workspaces);
      }
      if (params.command === SELECT_COMMAND) return null; // an editor-side convenience
      return null;
    } catch (e) {
      connection.console.error(`[faasguard] ${params.command} failed: ${(e as Error).stack ?? e}`);
      return { error: (e as Error).message };
    }
  });

  connection.onShutdown(() => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
