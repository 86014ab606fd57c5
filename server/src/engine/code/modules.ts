// Local modules: which workspace file an import names, for JS/TS (`./db`, `../lib/x.js`) and Python
// (`import utils`, `from .db import run`, `from lib.db import run`, packages with `__init__.py`).
// Only files of the workspace are candidates (node_modules and site-packages are never read);
// `exists` is the engine's view of the workspace.
import * as path from 'node:path';

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '/index.ts', '/index.js', '/index.mjs'];

/** JS/TS: the absolute file a relative specifier names, trying the usual extensions (and .ts for .js). */
export function resolveLocal(from: string, spec: string, exists: (f: string) => boolean): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = JS_EXTENSIONS.map((e) => base + e);
  if (/\.(m|c)?js$/.test(spec)) candidates.push(base.replace(/\.(m|c)?js$/, '.ts'), base.replace(/\.(m|c)?js$/, '.tsx'));
  return candidates.find(exists);
}

/** Packages that are never a module of the workspace: no file lookups for them. */
const KNOWN_PACKAGES = new Set([
  'os', 'sys', 'json', 're', 'subprocess', 'logging', 'typing', 'datetime', 'time', 'uuid', 'base64', 'hashlib', 'hmac',
  'urllib', 'http', 'io', 'pathlib', 'shutil', 'tempfile', 'collections', 'itertools', 'functools', 'math', 'random',
  'decimal', 'traceback', 'string', 'textwrap', 'copy', 'enum', 'dataclasses', 'abc', 'asyncio', 'concurrent',
  'threading', 'contextlib', 'pickle', 'marshal', 'shelve', 'sqlite3', 'csv', 'gzip', 'zlib', 'zipfile', 'tarfile',
  'xml', 'html', 'email', 'socket', 'ssl', 'secrets', 'shlex', 'pty', 'importlib', 'inspect', 'warnings', 'codecs',
  'boto3', 'botocore', 'aws_lambda_powertools', 'requests', 'httpx', 'urllib3', 'yaml', 'jinja2', 'pydantic',
  'psycopg2', 'psycopg', 'pymysql', 'pymongo', 'sqlalchemy', 'django', 'flask', 'lxml', 'defusedxml', 'mako',
  'dill', 'jsonpickle', 'pandas', 'numpy', 'aiohttp', 'cfnresponse', 'crhelper', 'mysql', 'pg8000', 'markupsafe',
]);

function candidates(base: string, parts: string[]): string[] {
  const p = path.join(base, ...parts);
  return parts.length === 0 ? [path.join(base, '__init__.py')] : [p + '.py', path.join(p, '__init__.py')];
}

/** The workspace file a module name stands for, seen from `from`; undefined for a package outside it. */
export function resolvePyModule(from: string, dotted: string, level: number, exists: (f: string) => boolean): string | undefined {
  const parts = dotted ? dotted.split('.') : [];
  if (level > 0) {
    let base = path.dirname(from);
    for (let i = 1; i < level; i++) base = path.dirname(base);
    return candidates(base, parts).find(exists);
  }
  if (parts.length === 0 || KNOWN_PACKAGES.has(parts[0])) return undefined;
  // Absolute imports resolve against the function's root: the file's folder or one above it
  // (the CodeUri, or the service folder a `src/` handler lives in).
  let base = path.dirname(from);
  for (let up = 0; up < 4; up++) {
    const hit = candidates(base, parts).find(exists);
    if (hit) return hit;
    const parent = path.dirname(base);
    if (parent === base) break;
    base = parent;
  }
  return undefined;
}
