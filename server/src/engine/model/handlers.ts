// From a handler string in config to the code file and export it names.
import * as path from 'node:path';
import type { Entry, Val } from '../config/val.js';
import type { HandlerRef } from './types.js';
import { inlineText } from '../config/inline-code.js';

export interface HandlerContext {
  /** Folder the handler path is relative to (the serverless.yml folder, or template folder + CodeUri). */
  baseDir: string;
  exists(file: string): boolean;
  /**
   * A bundler builds the function from its TypeScript source (serverless-esbuild, SAM's esbuild
   * build method...): a `.js` beside the `.ts` is a compiled copy, not what is deployed.
   */
  bundled?: boolean;
}

const JS_EXTS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const TS_FIRST = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** serverless.yml plugins that build the handler from its TypeScript source. */
export const BUNDLER_PLUGINS = /^(?:serverless-esbuild|serverless-webpack|serverless-plugin-typescript|serverless-bundle|serverless-plugin-optimize|@[\w-]+\/serverless-esbuild)$/;

export function languageOf(runtime: string | undefined): HandlerRef['language'] | undefined {
  if (!runtime) return undefined;
  if (runtime.startsWith('nodejs')) return 'js';
  if (runtime.startsWith('python')) return 'python';
  return 'other';
}

/**
 * Node: `dir/module.export[.nested]`, where the module is the part of the last path segment before
 * its first dot. Python: `pkg.module.function` or `dir/module.function`.
 */
export function resolveHandler(val: Val, runtime: string | undefined, baseDir: string, ctx: HandlerContext): HandlerRef | undefined {
  const text = val.str();
  if (!text) return undefined;
  const span = val.span;
  const slash = text.lastIndexOf('/');
  const dir = slash >= 0 ? text.slice(0, slash) : '';
  const base = slash >= 0 ? text.slice(slash + 1) : text;
  const declared = languageOf(runtime);

  if (declared === 'other') return { text, span, exportPath: [], language: 'other' };

  if (declared !== 'python') {
    const dot = base.indexOf('.');
    if (dot > 0) {
      const moduleBase = path.join(baseDir, dir, base.slice(0, dot));
      const exportPath = base.slice(dot + 1).split('.');
      for (const ext of ctx.bundled ? TS_FIRST : JS_EXTS) {
        const f = moduleBase + ext;
        if (ctx.exists(f)) return { text, span, codeFile: f, exportPath, language: 'js' };
      }
      if (declared === 'js') return { text, span, exportPath, language: 'js' };
    }
  }
  // Python: the function is after the last dot; dots before it are packages.
  const lastDot = base.lastIndexOf('.');
  if (lastDot > 0) {
    const modulePath = path.join(baseDir, dir, ...base.slice(0, lastDot).split('.')) + '.py';
    const exportPath = [base.slice(lastDot + 1)];
    if (ctx.exists(modulePath)) return { text, span, codeFile: modulePath, exportPath, language: 'python' };
    if (declared === 'python') return { text, span, exportPath, language: 'python' };
  }
  return { text, span, exportPath: [], language: declared ?? 'other' };
}

/** `Environment.Variables` / `environment`: the variables as entries (keys keep their spans). */
export function readEnvironment(val: Val | undefined): Entry[] {
  return val?.kind === 'map' ? val.entries() : [];
}

/**
 * A handler whose code the config writes out: the module part of the handler string names nothing
 * on disk; the export is looked up in the inline text.
 */
export function inlineHandler(code: Val | undefined, handler: Val | undefined, runtime: string | undefined, fnId: string): HandlerRef | undefined {
  const language = languageOf(runtime);
  if (!code || (language !== 'js' && language !== 'python')) return undefined;
  const t = inlineText(code);
  if (!t) return undefined;
  const text = handler?.str() ?? 'index.handler';
  const dot = text.lastIndexOf('.');
  const exportPath = [dot >= 0 ? text.slice(dot + 1) : text];
  const origin = code.file;
  const file = `${origin}#${fnId.replace(/[^\w.-]/g, '_')}.${language === 'js' ? 'js' : 'py'}`;
  return { text, span: handler?.span ?? code.span, exportPath, language, inline: { file, origin, text: t.text, offsets: t.offsets, exact: t.exact, hostStart: code.span.start } };
}
