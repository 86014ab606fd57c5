// Minimal glob matching for exclude patterns: `**`, `*`, `?`, `{a,b}` and character classes.
// Patterns are compiled once to a regular expression with no nested quantifiers.

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup++;
      re += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      re += ')';
    } else if (c === ',' && inGroup > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  while (inGroup-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

export class GlobSet {
  private readonly res: RegExp[];

  constructor(readonly patterns: readonly string[]) {
    this.res = patterns.filter((p) => p.trim() !== '').map((p) => {
      let g = p.trim().replace(/^\.\//, '');
      // A pattern without a slash matches at any depth, like .gitignore; a folder matches its contents.
      if (!g.includes('/')) g = `**/${g}`;
      if (g.endsWith('/')) g += '**';
      return globToRegExp(g);
    });
  }

  /** `rel` is a workspace-relative path with forward slashes. A folder's pattern matches its files. */
  matches(rel: string): boolean {
    if (this.res.length === 0) return false;
    const parts = rel.split('/');
    for (let i = parts.length; i >= 1; i--) {
      const prefix = parts.slice(0, i).join('/');
      if (this.res.some((r) => r.test(prefix))) return true;
    }
    return false;
  }
}
