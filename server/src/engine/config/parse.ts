// Parsing YAML and JSON config files into `yaml` ASTs that keep exact source ranges.
// JSON is parsed by the same YAML 1.2 parser (JSON is a subset), so every reader and rule works on
// one tree type. CloudFormation short-form tags (!Ref, !Sub, ...) are registered as custom tags in
// their scalar, sequence and mapping forms, so they parse without warnings and keep their tag.
import * as YAML from 'yaml';
import { LineIndex } from '../util/lines.js';
import { repairIndentation } from './lenient.js';
import type { EmbeddedHost } from './embedded.js';
import { yamlTooDeep } from '../util/nesting.js';

export const CFN_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'GetAZs',
  'ImportValue', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform', 'Length', 'ToJsonString',
  'ForEach', 'Rain::Embed', 'Rain::S3', 'Rain::S3Http', 'Rain::Module', 'Rain::Constant',
] as const;

const customTags: YAML.Tags = CFN_TAGS.flatMap((name): YAML.Tags => [
  { tag: `!${name}`, resolve: (s: string) => s },
  { tag: `!${name}`, collection: 'seq' } as YAML.CollectionTag,
  { tag: `!${name}`, collection: 'map' } as YAML.CollectionTag,
]);

/** Files nested deeper than this are not analysed: every reader walks them with bounded depth. */
export const MAX_NESTING = 512;
/** Total alias dereferences allowed per document before aliases are treated as opaque. */
export const MAX_ALIAS_DEREFS = 10_000;

export interface ParseProblem {
  message: string;
  start: number;
  end: number;
  /** A resource limit (nesting), not a syntax error: reported as `file-skipped`, never as a parse error. */
  limit?: boolean;
}

export interface ParsedDocument {
  file: string;
  text: string;
  lines: LineIndex;
  /** `hcl` and `ts`: nodes a Terraform or CDK reader built over that source (config/terraform, config/cdk). */
  format: 'yaml' | 'json' | 'hcl' | 'ts' | 'py';
  /** Undefined when the file could not be parsed at all. */
  doc?: YAML.Document.Parsed;
  /** The first error, when the file does not parse. A file with an error is not analysed further. */
  error?: ParseProblem;
  /** Anchors in source order, built on first use. */
  anchors?: { name: string; start: number; node: YAML.Node }[];
  aliasDerefs: number;
  aliasLimitHit: boolean;
  /** Set when the document was parsed after a leniency repair: node offsets -> original offsets. */
  toOriginal?: (offset: number) => number;
  /** Set for a JSON document written inside a string of another document (config/embedded.ts): `text` is then that document's. */
  embedded?: EmbeddedHost;
}

/**
 * Measures flow nesting depth ({ and [ outside quoted strings) without recursion. Linear time.
 * Returns the offset where MAX_NESTING is first exceeded, or -1.
 */
export function findExcessiveNesting(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92 /* \ */ && quote === 34) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 /* " */) quote = c;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
    else if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
      // YAML comment: skip to end of line (JSON never has one).
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    }
  }
  return -1;
}

function tooDeepProblem(offset: number, lines: LineIndex): ParseProblem {
  const line = lines.positionAt(offset).line + 1;
  return { message: `This file is too deeply nested to analyse: more than ${MAX_NESTING} levels (line ${line}). FaaSGuard does not analyse it; the other files are analysed.`, start: offset, end: offset + 1, limit: true };
}

export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

function parseYaml(text: string): YAML.Document.Parsed {
  return YAML.parseDocument(text, { customTags, uniqueKeys: false, merge: false, prettyErrors: false, keepSourceTokens: false, strict: false });
}

export function parseConfigText(file: string, text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const trimmed = text.trimStart();
  const format: 'yaml' | 'json' = file.toLowerCase().endsWith('.json') || trimmed.startsWith('{') ? 'json' : 'yaml';
  const base: ParsedDocument = { file, text, lines, format, aliasDerefs: 0, aliasLimitHit: false };
  if (looksBinary(text)) {
    return { ...base, error: { message: 'This file contains binary data and is not analysed.', start: 0, end: 0 } };
  }
  const deep = yamlTooDeep(text, MAX_NESTING);
  if (deep) return { ...base, error: tooDeepProblem(deep.offset, lines) };
  let doc: YAML.Document.Parsed;
  try {
    doc = parseYaml(text);
  } catch (e) {
    if (e instanceof RangeError) return { ...base, error: tooDeepProblem(0, lines) };
    return { ...base, error: { message: `Could not parse: ${(e as Error).message}`, start: 0, end: 0 } };
  }
  // The parser reports its own stack overflow as an error of the document: a limit, not a syntax error.
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow) return { ...base, error: tooDeepProblem(overflow.pos[0], lines) };
  if (doc.errors.length > 0 && format === 'yaml') {
    // What CloudFormation accepts but strict YAML does not: under-indented flow and quoted lines.
    const repaired = repairIndentation(text);
    if (repaired) {
      try {
        const second = parseYaml(repaired.text);
        if (second.errors.length === 0) return { ...base, doc: second, toOriginal: repaired.toOriginal };
      } catch {
        // fall through to the original error
      }
    }
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const [start, end] = err.pos;
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { ...base, doc, error: { message: `${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${message}`, start, end: Math.max(end, start + 1) } };
  }
  return { ...base, doc };
}
