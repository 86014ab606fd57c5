// The Example and Fixed example sections of a rule's README, as workspaces to scan. Every fenced
// block of a section is one file of the section's workspace. A block names its file in its info
// string (```yaml file=serverless.yml); otherwise the file is named after the language (yaml:
// serverless.yml when it reads like one, else template.yaml; json: template.json; js: handler.js;
// ts: handler.ts; python: handler.py; hcl/terraform: main.tf), numbered when a name repeats.
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import type { Rule } from '../server/src/engine/rule.js';
import type { Finding } from '../server/src/engine/types.js';

export const EXAMPLE_ROOT = '/readme';

export interface ExampleBlock {
  file: string;
  text: string;
}

function section(readme: string, name: string): string {
  const start = readme.search(new RegExp(`^## ${name}\\n`, 'm'));
  if (start < 0) return '';
  const rest = readme.slice(start + name.length + 4);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

function defaultName(lang: string, text: string): string {
  switch (lang) {
    case 'yaml':
    case 'yml':
      return /^service:/m.test(text) ? 'serverless.yml' : 'template.yaml';
    case 'json':
      return 'template.json';
    case 'ts':
    case 'typescript':
      return 'handler.ts';
    case 'python':
    case 'py':
      return 'handler.py';
    case 'hcl':
    case 'terraform':
    case 'tf':
      return 'main.tf';
    default:
      return 'handler.js';
  }
}

/** The blocks of a README section ('Example' or 'Fixed example') as files. */
export function exampleBlocks(readme: string, name: 'Example' | 'Fixed example'): ExampleBlock[] {
  const out: ExampleBlock[] = [];
  const used = new Map<string, number>();
  for (const m of section(readme, name).matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [, lang, info, text] = m;
    const named = /\bfile=(\S+)/.exec(info)?.[1];
    let file = named ?? defaultName(lang, text);
    const n = used.get(file) ?? 0;
    used.set(file, n + 1);
    if (n > 0 && !named) file = file.replace(/(\.[^.]+)$/, `-${n + 1}$1`);
    out.push({ file, text });
  }
  return out;
}

/** The rule's findings on a section's workspace (that rule alone). */
export function exampleFindings(rule: Rule, blocks: readonly ExampleBlock[]): Finding[] {
  const files = new Map(blocks.map((b) => [`${EXAMPLE_ROOT}/${b.file}`, b.text]));
  const engine = new Engine({ root: EXAMPLE_ROOT, host: new MemoryHost(files), rules: [rule] });
  return [...engine.analyzeWorkspace().results.values()].flat().filter((f) => f.ruleId === rule.id && !f.suppressed);
}
