// Statements of the Python walker: assignments, control flow with branch joins (if/elif/else, try/
// except/else/finally, match), loops run twice, `with` blocks, guards that narrow what follows,
// `assert`, definitions and imports. Blocks do not scope in Python: every statement of a function
// writes to the function's frame.
import type { PyNode } from '../../code/python-ast.js';
import { Frame, type Arm } from '../env.js';
import { MAX_NODES } from '../core.js';
import type { PyInterp as Interp } from './interp.js';
import { CLEAN, join, type AV } from '../values.js';
import { concat } from '../strings.js';
import { child } from './syntax.js';
import { dottedName } from '../../code/python-exports.js';
import { ext, type PyExt } from './ext.js';
import { deepData } from './expressions.js';
import { caughtError } from './errors.js';

/** Runs statements in order; returns true when the block always leaves (return/raise/break/continue). */
export function runBlock(it: Interp, statements: readonly PyNode[], frame: Frame): boolean {
  for (const st of statements) if (it.stmt(st, frame)) return true;
  return false;
}

export function runStatement(it: Interp, st: PyNode, frame: Frame): boolean {
  if (++it.nodes > MAX_NODES) return true;
  switch (st.type) {
    case 'expression_statement':
      for (const c of st.children) runExpressionStatement(it, c, frame);
      return false;
    case 'return_statement': {
      const e = st.children[0];
      const v = e ? it.expr(e, frame) : CLEAN;
      const r = it.returns[it.returns.length - 1];
      if (r) r.value = join(r.value, v);
      if (e && it.returns.length === 1) it.responses.push({ value: v, node: e, file: it.file.file });
      return true;
    }
    case 'raise_statement':
      for (const c of st.children) it.expr(c, frame);
      return true;
    case 'break_statement':
    case 'continue_statement':
      return true;
    case 'if_statement':
      return runIf(it, child(st, 'condition'), child(st, 'consequence'), st.children.filter((c) => c.field === 'alternative'), frame);
    case 'for_statement': {
      const right = child(st, 'right');
      const left = child(st, 'left');
      const coll = right ? it.expr(right, frame) : CLEAN;
      const item = it.readIndex(coll, right);
      loop(it, frame, () => {
        if (left) it.bind(left, item, frame, () => it.step(left, 'each item'));
        it.block(child(st, 'body'), frame);
      });
      const orelse = st.children.find((c) => c.type === 'else_clause');
      if (orelse) return it.block(child(orelse, 'body'), frame);
      return false;
    }
    case 'while_statement': {
      const cond = child(st, 'condition');
      loop(it, frame, () => {
        if (cond) {
          it.expr(cond, frame);
          for (const n of it.narrowings(cond, true, frame)) n();
        }
        it.block(child(st, 'body'), frame);
      });
      return false;
    }
    case 'try_statement':
      return runTry(it, st, frame);
    case 'with_statement': {
      for (const clause of st.children.filter((c) => c.type === 'with_clause')) {
        for (const item of clause.children) {
          const value = child(item, 'value');
          if (!value) continue;
          if (value.type === 'as_pattern') {
            const expr = value.children[0];
            const alias = child(value, 'alias');
            const v = expr ? it.expr(expr, frame) : CLEAN;
            const target = alias?.children[0];
            if (target) it.bind(target, v, frame);
          } else it.expr(value, frame);
        }
      }
      return it.block(child(st, 'body'), frame);
    }
    case 'function_definition':
      defineFunction(it, st, [], frame);
      return false;
    case 'decorated_definition': {
      const def = child(st, 'definition');
      const decorators = st.children.filter((c) => c.type === 'decorator').map((d) => d.children[0]).filter((e): e is PyNode => !!e);
      for (const d of decorators) it.expr(d, frame);
      if (def?.type === 'function_definition') defineFunction(it, def, decorators, frame);
      else if (def?.type === 'class_definition') defineClass(it, def, frame);
      return false;
    }
    case 'class_definition':
      defineClass(it, st, frame);
      return false;
    case 'import_statement':
      runImport(it, st, frame);
      return false;
    case 'import_from_statement':
      runImportFrom(it, st, frame);
      return false;
    case 'assert_statement': {
      const cond = st.children[0];
      if (cond) {
        it.expr(cond, frame);
        for (const n of it.narrowings(cond, true, frame)) n();
      }
      return false;
    }
    case 'match_statement':
      return runMatch(it, st, frame);
    case 'block':
      return it.block(st, frame);
    case 'print_statement':
    case 'exec_statement':
    case 'delete_statement':
      for (const c of st.children) it.expr(c, frame);
      return false;
    case 'ERROR':
      // A statement the parser could not finish: run what it could read of it.
      for (const c of st.children) {
        if (/_statement$|_definition$/.test(c.type)) it.stmt(c, frame);
        else runExpressionStatement(it, c, frame);
      }
      return false;
    default:
      return false;
  }
}

function runExpressionStatement(it: Interp, e: PyNode, frame: Frame): void {
  if (e.type === 'assignment') runAssignment(it, e, frame);
  else if (e.type === 'augmented_assignment') runAugmented(it, e, frame);
  else {
    it.expr(e, frame);
    // `check_inside(p)`: a helper that raises unless its check passed narrows what follows.
    for (const n of it.callNarrowings(e, frame)) n();
  }
}

/** `a = b = value`, `x: int = value`, `a, b = pair`. Returns the assigned value. */
function runAssignment(it: Interp, a: PyNode, frame: Frame): AV {
  const left = child(a, 'left');
  const right = child(a, 'right');
  if (!right) return CLEAN; // an annotation only
  const v = right.type === 'assignment' ? runAssignment(it, right, frame) : right.type === 'augmented_assignment' ? runAugmented(it, right, frame) : it.expr(right, frame);
  if (left) it.bind(left, v, frame);
  return v;
}

function runAugmented(it: Interp, a: PyNode, frame: Frame): AV {
  const left = child(a, 'left');
  const right = child(a, 'right');
  if (!left || !right) return CLEAN;
  const op = a.ops?.[0];
  const before = it.expr(left, frame);
  const r = it.expr(right, frame);
  let v: AV;
  if (op === '+=') v = concat(it, [before, r]);
  else if (op === '|=' || op === '%=') v = join(before, deepData(it, r));
  else v = CLEAN; // arithmetic: a number
  it.bind(left, v, frame);
  return v;
}

function runIf(it: Interp, cond: PyNode | undefined, then: PyNode | undefined, rest: PyNode[], frame: Frame): boolean {
  if (!cond) return false;
  it.expr(cond, frame);
  const whenTrue = it.narrowings(cond, true, frame);
  const whenFalse = it.narrowings(cond, false, frame);
  it.journal.begin();
  for (const n of whenTrue) n();
  const exitThen = it.block(then, frame);
  const thenArm = it.journal.rollback();
  it.journal.begin();
  for (const n of whenFalse) n();
  let exitElse = false;
  const next = rest[0];
  if (next?.type === 'elif_clause') exitElse = runIf(it, child(next, 'condition'), child(next, 'consequence'), rest.slice(1), frame);
  else if (next?.type === 'else_clause') exitElse = it.block(child(next, 'body'), frame);
  const elseArm = it.journal.rollback();
  it.journal.merge([thenArm, elseArm], [exitThen, exitElse], false);
  return exitThen && exitElse;
}

function runTry(it: Interp, st: PyNode, frame: Frame): boolean {
  const arms: Arm[] = [];
  const exits: boolean[] = [];
  it.journal.begin();
  let exitTry = it.block(child(st, 'body'), frame);
  const orelse = st.children.find((c) => c.type === 'else_clause');
  if (!exitTry && orelse) exitTry = it.block(child(orelse, 'body'), frame);
  arms.push(it.journal.rollback());
  exits.push(exitTry);
  let allExcept = true;
  for (const clause of st.children.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')) {
    it.journal.begin();
    const value = child(clause, 'value');
    const alias = value?.type === 'as_pattern' ? child(value, 'alias')?.children[0] : undefined;
    const types = value?.type === 'as_pattern' ? value.children[0] : value;
    if (types) it.expr(types, frame);
    if (alias) it.bind(alias, caughtError(it, clause, types), frame);
    const block = clause.children.find((c) => c.type === 'block');
    const exit = it.block(block, frame);
    allExcept &&= exit;
    arms.push(it.journal.rollback());
    exits.push(exit);
  }
  it.journal.merge(arms, exits, false);
  const fin = st.children.find((c) => c.type === 'finally_clause');
  if (fin) {
    const block = fin.children.find((c) => c.type === 'block');
    if (it.block(block, frame)) return true;
  }
  return exitTry && allExcept && arms.length > 1;
}

function runMatch(it: Interp, st: PyNode, frame: Frame): boolean {
  const subject = child(st, 'subject');
  if (subject) it.expr(subject, frame);
  const body = child(st, 'body');
  const arms: Arm[] = [];
  const exits: boolean[] = [];
  for (const c of body?.children ?? []) {
    if (c.type !== 'case_clause') continue;
    it.journal.begin();
    exits.push(it.block(child(c, 'consequence'), frame));
    arms.push(it.journal.rollback());
  }
  it.journal.merge(arms, exits, true);
  return false;
}

/** Runs a loop body twice, joining with the state before it (the body may not run at all). */
export function loop(it: Interp, _frame: Frame, body: () => void): void {
  for (let i = 0; i < 2; i++) {
    it.journal.begin();
    body();
    const arm = it.journal.rollback();
    it.journal.merge([arm], [false], true);
  }
}

// ---- definitions ----

function defineFunction(it: Interp, def: PyNode, decorators: PyNode[], frame: Frame): void {
  const name = child(def, 'name')?.text;
  if (!name) return;
  // Methods do not see the class body's names: they close over the scope around the class.
  const inClass = (frame.owner as PyNode | undefined)?.type === 'class_definition';
  const closure = inClass ? frame.parent ?? frame : frame;
  const names = decorators.map((d) => dottedName(d.type === 'call' ? child(d, 'function') : d) ?? '');
  const x: PyExt = {};
  if (names.includes('staticmethod')) x.staticMethod = true;
  if (names.includes('classmethod')) x.classMethod = true;
  const v: AV = { fn: { node: def, closure, file: it.file.file } };
  if (x.staticMethod || x.classMethod) v.ext = x;
  it.journal.set(frame.functionFrame(), name, v);
}

function defineClass(it: Interp, def: PyNode, frame: Frame): void {
  const name = child(def, 'name')?.text;
  if (!name) return;
  const supers = child(def, 'superclasses');
  const bases: PyNode[] = [];
  let pydantic = false;
  for (const b of supers?.children ?? []) {
    if (b.type === 'keyword_argument') continue;
    const bv = it.expr(b, frame);
    if (bv.cls) bases.push(bv.cls as PyNode);
    if (ext(bv)?.pydantic) pydantic = true;
    const text = dottedName(b) ?? '';
    if (/(^|\.)(BaseModel|BaseSettings|RootModel)$/.test(text) && bv.module !== undefined) pydantic = true;
  }
  const body = child(def, 'body');
  const scope = new Frame(frame, true, def);
  if (body) runBlock(it, body.children, scope);
  const props = new Map<string, AV>(scope.vars);
  const value: AV = { cls: def, props, ext: { bases, pydantic } };
  it.classes.set(def, value);
  it.journal.set(frame.functionFrame(), name, value);
}

// ---- imports ----

function runImport(it: Interp, st: PyNode, frame: Frame): void {
  for (const n of st.children) {
    if (n.type === 'dotted_name') {
      const dotted = dottedText(n);
      const first = dotted.split('.')[0];
      // `import a.b.c` binds `a`; `a.b.c` then reads through it.
      it.journal.set(frame.functionFrame(), first, withSubmodule(it, first, dotted));
    } else if (n.type === 'aliased_import') {
      const nameNode = child(n, 'name');
      const alias = child(n, 'alias')?.text;
      if (nameNode && alias) it.journal.set(frame.functionFrame(), alias, it.importModule(dottedText(nameNode), 0));
    }
  }
}

/** The value bound by `import a.b.c`: `a`, whose `.b.c` is the imported module. */
function withSubmodule(it: Interp, first: string, dotted: string): AV {
  const top = it.importModule(first, 0);
  if (first === dotted || !top.local) return top;
  const rest = dotted.split('.').slice(1);
  const leaf = it.importModule(dotted, 0);
  // Local packages: build the chain of attributes down to the submodule.
  let v = leaf;
  for (let i = rest.length - 1; i >= 0; i--) {
    const parent = i === 0 ? top : it.importModule([first, ...rest.slice(0, i)].join('.'), 0);
    v = { ...parent, props: new Map([...(parent.props ?? []), [rest[i], v]]) };
  }
  return v;
}

function runImportFrom(it: Interp, st: PyNode, frame: Frame): void {
  const moduleNode = child(st, 'module_name');
  if (!moduleNode) return;
  let level = 0;
  let dotted = '';
  if (moduleNode.type === 'relative_import') {
    const prefix = moduleNode.children.find((c) => c.type === 'import_prefix');
    level = prefix ? prefix.text.replace(/[^.]/g, '').length : 0;
    const name = moduleNode.children.find((c) => c.type === 'dotted_name');
    dotted = name ? dottedText(name) : '';
  } else dotted = dottedText(moduleNode);
  const mod = it.importModule(dotted, level);
  const target = frame.functionFrame();
  if (st.children.some((c) => c.type === 'wildcard_import')) {
    for (const [k, v] of mod.props ?? []) if (!k.startsWith('_')) it.journal.set(target, k, v);
    return;
  }
  for (const n of st.children) {
    if (n.field !== 'name') continue;
    const nameNode = n.type === 'aliased_import' ? child(n, 'name') : n;
    const alias = n.type === 'aliased_import' ? child(n, 'alias')?.text : undefined;
    if (!nameNode) continue;
    const name = dottedText(nameNode);
    let v = it.readProp(mod, name);
    // `from pkg import submodule`: a module of the package, when it is not a name in its __init__.
    if (mod.local && v === CLEAN) v = it.importModule(dotted ? `${dotted}.${name}` : name, level);
    it.journal.set(target, alias ?? name, v);
  }
}

function dottedText(n: PyNode): string {
  return n.children.filter((c) => c.type === 'identifier').map((c) => c.text).join('.') || n.text;
}

