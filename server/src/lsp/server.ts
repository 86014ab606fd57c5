// The language server: a thin adapter from LSP to the engine, which runs in a worker thread so that
// the message loop stays free. This file only wires the parts: the analysis client (the worker), the
// publisher (debounce, de-duplication) and the handlers.
import { createConnection, ProposedFeatures, TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisClient } from './analysis-client.js';
import { Publisher } from './publisher.js';
import { IndexingProgress } from './indexing.js';
import { registerHandlers } from './handlers.js';
import { fileOf } from './paths.js';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const openBuffers = () =>
    documents.all().flatMap((d) => {
      const file = fileOf(d.uri);
      return file ? [{ file, text: d.getText(), version: d.version }] : [];
    });
  const analysis = new AnalysisClient({
    log: (m) => connection.console.log(`[faasguard] ${m}`),
    error: (m) => connection.console.error(`[faasguard] ${m}`),
    openBuffers,
    indexing: (root, done) => indexing.update(root, done),
  });
  const openFiles = () => documents.all().flatMap((d) => fileOf(d.uri) ?? []);
  const publisher = new Publisher(connection, documents, analysis, openFiles);
  const indexing = new IndexingProgress(connection, publisher);
  registerHandlers({ connection, documents, analysis, publisher, indexing });
  connection.onShutdown(async () => {
    publisher.dispose();
    await analysis.dispose();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}
