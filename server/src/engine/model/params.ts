// Template parameters with a `Default`: the model reads `!Ref P` (and `${P}` in `!Sub`) as the
// default, so rules judge what a deployment that does not override it gets; and a finding on such a
// value says so ("With the default value of parameter P ('*'): ...").
import type { ParamDefault, Val } from '../config/val.js';
import type { Report } from '../rule.js';
import type { Category } from '../types.js';
import type { ConfigModel } from './types.js';

/**
 * Parameter types whose `Ref` is not the `Default` text: lists (a list, not a string), and SSM
 * parameter types (the `Default` names a parameter; `Ref` is its value).
 */
const NOT_THE_DEFAULT = /^(?:List<|CommaDelimitedList$|AWS::SSM::Parameter::Value<)/;

/** The template's parameters that have a scalar `Default` whose text `Ref` returns. */
export function templateParams(root: Val): Map<string, ParamDefault> {
  const out = new Map<string, ParamDefault>();
  const params = root.get('Parameters');
  if (params?.kind !== 'map') return out;
  for (const p of params.entries()) {
    if (p.val.kind !== 'map') continue;
    const type = p.val.get('Type')?.str() ?? 'String';
    const def = p.val.get('Default');
    if (NOT_THE_DEFAULT.test(type) || !def || def.kind !== 'scalar' || def.tag) continue;
    const text = def.str();
    if (text !== undefined) out.set(p.key, { name: p.key, text, val: def });
  }
  return out;
}

interface ParamUse {
  start: number;
  end: number;
  params: ParamDefault[];
}

const SUB_VAR = /\$\{([A-Za-z0-9_]+)\}/g;

/** Every value of a config that reads a parameter's default: `!Ref P`, `{Ref: P}`, `!Sub '...${P}...'` (bounded walk). */
function paramUses(c: ConfigModel): ParamUse[] {
  const params = c.root.env.params;
  if (!params || params.size === 0) return [];
  const out: ParamUse[] = [];
  const tagStart = (v: Val) => {
    const text = v.doc.text;
    let i = v.span.start;
    while (i > 0 && /\s/.test(text[i - 1])) i--;
    const m = v.tag ? /!{1,2}[^\s,[\]{}!]*$/.exec(text.slice(Math.max(0, i - 64), i)) : null;
    return m ? i - m[0].length : v.span.start;
  };
  c.root.get('Resources')?.walk((v) => {
    const ref = v.paramRef();
    if (ref) {
      out.push({ start: tagStart(v), end: v.span.end, params: [ref] });
      return false;
    }
    const i = v.intrinsic();
    if (i?.fn === 'Fn::Sub') {
      const template = i.arg.str() ?? (i.arg.kind === 'seq' ? i.arg.items()[0]?.str() : undefined);
      const used = [...new Set([...(template ?? '').matchAll(SUB_VAR)].map((m) => m[1]))].flatMap((n) => (params.has(n) ? [params.get(n)!] : []));
      if (used.length > 0) out.push({ start: tagStart(v), end: v.span.end, params: used });
      return false;
    }
    return undefined;
  }, 100_000);
  return out;
}

function quoted(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `'${t}'`;
}

/**
 * Says in a finding's message that the value it is about is a parameter's default: the finding
 * sits on a `!Ref` or `!Sub` that reads one. Secrets are never repeated in a message.
 */
export class ParamNotes {
  private readonly uses = new Map<string, ParamUse[]>();
  /** The configs of each file, in model order: built on the first question, not one search through every config per file. */
  private byFile?: Map<string, ConfigModel[]>;

  constructor(private readonly configs: readonly ConfigModel[]) {}

  annotate(r: Report, category: Category): Report {
    const list = this.usesIn(r.span.file);
    const use = list.find((u) => r.span.start >= u.start && r.span.end <= u.end && r.span.end > r.span.start);
    if (!use) return r;
    const show = category !== 'secrets';
    const names = use.params.map((p) => (show ? `${p.name} (${quoted(p.text)})` : p.name));
    const lead = names.length === 1 ? `With the default value of parameter ${names[0]}` : `With the default values of parameters ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return { ...r, message: `${lead}: ${r.message}` };
  }

  private usesIn(file: string): ParamUse[] {
    let list = this.uses.get(file);
    if (!list) {
      if (!this.byFile) {
        this.byFile = new Map();
        for (const c of this.configs) (this.byFile.get(c.file) ?? this.byFile.set(c.file, []).get(c.file)!).push(c);
      }
      list = (this.byFile.get(file) ?? []).flatMap(paramUses);
      this.uses.set(file, list);
    }
    return list;
  }
}
