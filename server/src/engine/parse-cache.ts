// Parsed files, cached by version: configs (with their format, or the one problem that stops their
// analysis), `${file(...)}` includes, and handler code (parsed incrementally from its last version).
import type { FileHost } from './host.js';
import { MAX_FILE_BYTES } from './host.js';
import { detectFormat, mayBeConfig } from './config/detect.js';
import { parseConfigText, looksBinary, type ParsedDocument, type ParseProblem } from './config/parse.js';
import { fileSkipped, guarded, tooDeepFinding } from './guard.js';
import { codeTooDeep, pythonTooDeep } from './util/nesting.js';
import { Val } from './config/val.js';
import type { ConfigFormat } from './model/types.js';
import { fileRole } from './workspace.js';
import { ENGINE_CODES, type Finding } from './types.js';
import { parseCode } from './code/parse.js';
import type { CodeFile } from './code/types.js';
import { parseHcl, type HclFile } from './config/terraform/hcl.js';
import { parsersReady } from './util/tree-sitter.js';

export interface CachedDoc {
  version: string;
  doc?: ParsedDocument;
  format?: ConfigFormat;
  /** The file looks like a config but does not parse, or is binary. */
  problem?: Finding;
}

export interface CachedHcl {
  version: string;
  hcl?: HclFile;
  /** The file does not parse, or is binary. */
  problem?: Finding;
}

/** A code file's version and the version it was parsed from. */
export interface ParseStep {
  from: string;
  to: string;
  prev: CodeFile;
}

interface CachedCode {
  version: string;
  code?: CodeFile;
  binary?: boolean;
  problem?: Finding;
}

/** A parse problem of a config: a syntax error, or a limit (file-skipped, never called a syntax error). */
function problemOf(file: string, error: ParseProblem): Finding {
  return {
    ruleId: error.limit ? ENGINE_CODES.fileSkipped : ENGINE_CODES.parseError, category: 'internal', severity: error.limit ? 'warning' : 'error',
    message: error.message, span: { file, start: error.start, end: error.end },
  };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export class ParseCache {
  private readonly docs = new Map<string, CachedDoc>();
  private readonly codes = new Map<string, CachedCode>();
  private readonly hcls = new Map<string, CachedHcl>();

  constructor(
    private readonly host: FileHost,
    private readonly stats: { parses: number },
  ) {}

  /** A workspace YAML/JSON file: parsed when it may be a config. */
  doc(file: string): CachedDoc {
    const version = this.host.version(file) ?? 'missing';
    const cached = this.docs.get(file);
    if (cached && cached.version === version) return cached;
    const entry: CachedDoc = { version };
    const size = this.host.size(file);
    const text = size !== undefined && size <= MAX_FILE_BYTES ? this.host.readFile(file) : undefined;
    if (text !== undefined && mayBeConfig(file, text)) {
      this.stats.parses++;
      if (looksBinary(text)) {
        entry.problem = {
          ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info',
          message: 'This file contains binary data: FaaSGuard does not analyse it.', span: { file, start: 0, end: 0 },
        };
      } else {
        guarded(() => {
          const doc = parseConfigText(file, text);
          if (doc.error) entry.problem = problemOf(file, doc.error);
          else {
            entry.format = detectFormat(file, Val.root(doc));
            // A file that is not a config keeps no document (a `${file()}` include parses it again).
            if (entry.format) entry.doc = doc;
          }
        }, (e) => {
          entry.doc = undefined;
          entry.problem = fileSkipped(file, 'read', e);
        });
      }
    }
    this.docs.set(file, entry);
    return entry;
  }

  /** A Terraform file, parsed (the parsers must be loaded; until then the file is not analysed). */
  hcl(file: string): CachedHcl {
    const version = this.host.version(file) ?? 'missing';
    const cached = this.hcls.get(file);
    if (cached && cached.version === version) return cached;
    const entry: CachedHcl = { version };
    const size = this.host.size(file);
    const text = size !== undefined && size <= MAX_FILE_BYTES ? this.host.readFile(file) : undefined;
    if (text !== undefined && parsersReady('terraform')) {
      this.stats.parses++;
      if (looksBinary(text)) {
        entry.problem = { ruleId: ENGINE_CODES.fileSkipped, category: 'internal', severity: 'info', message: 'This file contains binary data: FaaSGuard does not analyse it.', span: { file, start: 0, end: 0 } };
      } else {
        guarded(() => {
          const hcl = parseHcl(file, text);
          if (hcl.error) entry.problem = { ruleId: ENGINE_CODES.parseError, category: 'internal', severity: 'error', message: hcl.error.message, span: { file, start: hcl.error.start, end: hcl.error.end } };
          else entry.hcl = hcl;
        }, (e) => {
          entry.problem = fileSkipped(file, 'parse', e);
        });
      }
    }
    this.hcls.set(file, entry);
    return entry;
  }

  /** A YAML/JSON document for `${file(...)}` includes (any content, not only configs). */
  readonly include = (file: string): ParsedDocument | undefined => {
    const version = this.host.version(file);
    if (version === undefined) return undefined;
    const cached = this.docs.get(file);
    if (cached?.doc && cached.version === version) return cached.doc;
    const text = this.host.readFile(file);
    if (text === undefined) return undefined;
    const doc = guarded(() => parseConfigText(file, text), () => undefined);
    if (!doc || doc.error) return undefined;
    this.docs.set(file, { version, doc, format: cached?.format });
    return doc;
  };

  /** A handler or module, parsed (incrementally from its previous version when there is one). */
  code(file: string): CodeFile | undefined {
    const version = this.host.version(file) ?? 'missing';
    const cached = this.codes.get(file);
    if (cached && cached.version === version) return cached.code;
    const text = this.host.readFile(file);
    const role = fileRole(file);
    const binary = text !== undefined && looksBinary(text);
    let problem: Finding | undefined;
    let code: CodeFile | undefined;
    if (text !== undefined && !binary && (role === 'js' || role === 'python')) {
      // Nesting is checked before the parser sees the file: the parsers and every walker recurse on it.
      const deep = role === 'python' ? pythonTooDeep(text) : codeTooDeep(text);
      if (deep) problem = tooDeepFinding(file, deep, (o) => lineOf(text, o));
      else {
        code = guarded(() => parseCode(file, text, role, cached?.code, this.host.isOpen?.(file) === true), (e) => {
          problem = fileSkipped(file, 'parse', e);
          return undefined;
        });
      }
    }
    if (code) this.stats.parses++;
    this.codes.set(file, { version, code, binary, problem });
    // The version this one was parsed from, for an analysis to tell whether its results still hold.
    if (code && cached?.code) this.steps.set(file, { from: cached.version, to: version, prev: cached.code });
    else this.steps.delete(file);
    return code;
  }

  private readonly steps = new Map<string, ParseStep>();

  /**
   * The previous version the current one of `file` was parsed from (once: the previous version is
   * then let go). Parses the current version if it was not yet.
   */
  takeStep(file: string): ParseStep | undefined {
    this.code(file);
    const step = this.steps.get(file);
    this.steps.delete(file);
    return step && step.to === (this.host.version(file) ?? 'missing') ? step : undefined;
  }

  /** The one diagnostic of a code file that is not analysed at all (too deeply nested, a parser crash). */
  codeProblem(file: string): Finding | undefined {
    this.code(file);
    return this.codes.get(file)?.problem;
  }

  /** Every file something is kept for. */
  files(): string[] {
    return [...new Set([...this.docs.keys(), ...this.codes.keys(), ...this.hcls.keys()])];
  }

  /** Drops what is kept for a file (deleted, or no longer in the workspace); frees its Python tree. */
  forget(file: string): void {
    this.steps.delete(file);
    this.codes.get(file)?.code?.releaseTree?.();
    this.docs.delete(file);
    this.codes.delete(file);
    this.hcls.delete(file);
  }

  /** The version of a code file last parsed (never parses). */
  parsedVersion(file: string): string | undefined {
    return this.codes.get(file)?.version;
  }

  /** The parsed code file of the current version, if it was parsed already (never parses). */
  peekCode(file: string): CodeFile | undefined {
    const cached = this.codes.get(file);
    return cached && cached.version === (this.host.version(file) ?? 'missing') ? cached.code : undefined;
  }

  /** The code file holds binary data (and is not analysed). */
  isBinary(file: string): boolean {
    this.code(file);
    return this.codes.get(file)?.binary === true;
  }
}
