// The tool's public repository, from its package.json `repository` field: SARIF's informationUri
// and each rule's helpUri point there, never at files of the machine that ran the scan. No
// repository field: both are left out (the rule docs stay embedded in help.markdown).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The web address of a package.json `repository` value (`owner/repo`, `github:owner/repo`, a git URL), or undefined. */
export function repositoryWebUrl(repository: unknown): string | undefined {
  const raw = typeof repository === 'string' ? repository : repository && typeof repository === 'object' ? (repository as { url?: unknown }).url : undefined;
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const s = raw.trim();
  const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+)$/.exec(s);
  if (short) return `https://${short[1] ?? 'github'}.${short[1] === 'bitbucket' ? 'org' : 'com'}/${short[2]}/${short[3].replace(/\.git$/, '')}`;
  const scp = /^(?:git\+)?(?:ssh:\/\/)?git@([\w.-]+)[:/]([\w./-]+?)(?:\.git)?\/?$/.exec(s);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:git\+)?(?:https?|git):\/\/(?:[^@/]+@)?([\w.-]+(?::\d+)?)\/([\w./-]+?)(?:\.git)?\/?$/.exec(s);
  if (url) return `https://${url[1]}/${url[2]}`;
  return undefined;
}

/** Where a rule's README is shown on the repository's web pages, for hosts whose layout is known. */
export function ruleHelpUrl(web: string | undefined, ruleId: string): string | undefined {
  if (!web || !/^https:\/\/(github\.com|gitlab\.com)\//.test(web)) return undefined;
  return `${web}/${web.startsWith('https://gitlab.com/') ? '-/' : ''}blob/HEAD/rules/${ruleId}/README.md`;
}

let cached: { url: string | undefined } | undefined;

/** The repository web URL of the faasguard package this module ships in (found beside dist/ or out/). */
export function toolRepositoryUrl(): string | undefined {
  if (cached) return cached.url;
  cached = { url: undefined };
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const p = path.join(dir, 'package.json');
    if (!fs.existsSync(p)) continue;
    try {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; repository?: unknown };
      if (pkg.name !== 'faasguard') continue;
      cached.url = repositoryWebUrl(pkg.repository);
    } catch {
      // an unreadable package.json: no repository
    }
    break;
  }
  return cached.url;
}
