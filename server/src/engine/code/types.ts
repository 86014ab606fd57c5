// Handler code as the engine sees it.
import type ts from 'typescript';
import type { FunctionModel, Trigger } from '../model/types.js';
import type { LineIndex } from '../util/lines.js';

export interface CodeFile {
  file: string;
  text: string;
  lines: LineIndex;
  language: 'js' | 'python';
  /** The TypeScript AST (JS and TS). Python files have none yet. */
  sf?: ts.SourceFile;
}

/** A function this file exports that runs as a Lambda handler. */
export interface HandlerBinding {
  /** The export path, e.g. ['handler']. */
  exportPath: string[];
  /** The handler function node, when found. */
  node?: ts.FunctionLikeDeclaration;
  /** The function in config that names this handler; undefined when found by shape. */
  fn?: FunctionModel;
  /** The triggers that feed it. Empty means unknown: the whole event is treated as attacker data. */
  triggers: Trigger[];
}
