// Imports for the Python walker: packages become origins (`subprocess`, `boto3`) that sinks match
// on; modules of the workspace (`import utils`, `from .db import run`, `from lib.db import run`,
// packages with `__init__.py`) are loaded and evaluated (never executed), so that their functions
// can be summarised and cross-file flows followed. site-packages is never read.
import type { PyInterp as Interp } from './interp.js';
import { resolvePyModule } from '../../code/modules.js';
import type { AV } from '../values.js';

export function importModule(it: Interp, dotted: string, level: number): AV {
  const file = resolvePyModule(it.file.file, dotted, level, (f) => it.loadModule(f)?.language === 'python');
  if (!file) {
    if (level > 0 || !dotted) return {};
    const [top, ...rest] = dotted.split('.');
    return { module: top, modulePath: rest };
  }
  const cached = it.moduleExports.get(file);
  if (cached) return cached;
  const code = it.loadModule(file);
  const props = new Map<string, AV>();
  const exportsAV: AV = { props, local: { file, path: [] } };
  it.moduleExports.set(file, exportsAV); // before evaluating: circular imports see a partial module
  if (!code) return exportsAV;
  const frame = it.moduleFrame(code);
  for (const [k, v] of frame.vars) props.set(k, v);
  return exportsAV;
}
