// Rendering values to write into YAML and JSON configs: in the file's own syntax (short-form tags
// and plain scalars where safe in YAML, long-form intrinsics in JSON), inline or as block entries.

/** A value to write: a string, an intrinsic, or a collection of them. */
export type Out =
  | { str: string }
  | { raw: string } // already rendered for YAML and JSON alike (numbers, booleans)
  | { ref: string }
  | { getAtt: [string, string] }
  | { sub: string }
  | { map: [string, Out][] }
  | { seq: Out[] };

export const str = (s: string): Out => ({ str: s });

const PLAIN_SAFE = /^[A-Za-z0-9_/.][A-Za-z0-9_./:@$*-]*$/;
const YAML_RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A string as a YAML scalar: plain when that reads back as the same string, else single-quoted. */
export function yamlString(s: string): string {
  if (PLAIN_SAFE.test(s) && !YAML_RESERVED.test(s) && !/^[-+]?(\d|\.\d)/.test(s) && !s.includes(': ') && !s.endsWith(':')) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

/** Renders a value inline (flow style in YAML, compact JSON). */
export function renderInline(v: Out, json: boolean): string {
  if ('str' in v) return json ? JSON.stringify(v.str) : yamlString(v.str);
  if ('raw' in v) return v.raw;
  if ('ref' in v) return json ? `{"Ref": ${JSON.stringify(v.ref)}}` : `!Ref ${v.ref}`;
  if ('getAtt' in v) return json ? `{"Fn::GetAtt": [${JSON.stringify(v.getAtt[0])}, ${JSON.stringify(v.getAtt[1])}]}` : `!GetAtt ${v.getAtt[0]}.${v.getAtt[1]}`;
  if ('sub' in v) return json ? `{"Fn::Sub": ${JSON.stringify(v.sub)}}` : `!Sub ${yamlString(v.sub)}`;
  if ('seq' in v) return `[${v.seq.map((x) => renderInline(x, json)).join(', ')}]`;
  const entries = v.map.map(([k, x]) => `${json ? JSON.stringify(k) : yamlString(k)}: ${renderInline(x, json)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** Renders `key: value` lines in YAML block style at `indent`, for inserting new entries. */
export function renderBlockEntry(key: string, v: Out, indent: string, step = '  '): string {
  if ('map' in v && v.map.length > 0) {
    return `${indent}${yamlString(key)}:\n` + v.map.map(([k, x]) => renderBlockEntry(k, x, indent + step, step)).join('\n');
  }
  if ('seq' in v && v.seq.length > 0) {
    return `${indent}${yamlString(key)}:\n` + v.seq.map((x) => `${indent}${step}- ${renderInline(x, false)}`).join('\n');
  }
  return `${indent}${yamlString(key)}: ${renderInline(v, false)}`;
}

/** Renders `"key": value` for JSON at `indent`, pretty-printed over several lines. */
export function renderJsonEntry(key: string, v: Out, indent: string, step = '  '): string {
  return `${indent}${JSON.stringify(key)}: ${renderJsonValue(v, indent, step)}`;
}

function renderJsonValue(v: Out, indent: string, step: string): string {
  if ('map' in v && v.map.length > 0) {
    return `{\n${v.map.map(([k, x]) => renderJsonEntry(k, x, indent + step, step)).join(',\n')}\n${indent}}`;
  }
  return renderInline(v, true);
}
