// Statements for the JS/TS walker: declarations, control flow with branch joins, loops run twice,
// guards that narrow what follows, imports. Expressions and guards are reached through the hub.
import ts from 'typescript';
import { SK, tsx } from './syntax.js';
import { Frame, type Arm } from '../env.js';
import { MAX_NODES } from '../core.js';
import type { JsInterp as Interp } from './interp.js';
import { CLEAN, dataOnly, join, type AV, type LazyStep } from '../values.js';
import { caughtErrorValue } from '../errors.js';

/** Runs statements in order; returns true when the block always leaves (return/throw/break/continue). */
export function runBlock(it: Interp, statements: readonly ts.Statement[], frame: Frame): boolean {
  // Function declarations are hoisted.
  for (const st of statements) {
    if (tsx.isFunctionDeclaration(st) && st.name) frame.functionFrame().vars.set(st.name.text, { fn: { node: st, closure: frame, file: it.file.file } });
    if (tsx.isClassDeclaration(st) && st.name) frame.vars.set(st.name.text, { cls: st });
  }
  for (const st of statements) {
    if (it.stmt(st, frame)) return true;
  }
  return false;
}

export function runStatement(it: Interp, st: ts.Statement, frame: Frame): boolean {
  if (++it.nodes > MAX_NODES) return true;
  switch (st.kind) {
    case SK.VariableStatement: {
      const list = (st as ts.VariableStatement).declarationList;
      const isVar = !(list.flags & ts.NodeFlags.BlockScoped);
      for (const d of list.declarations) {
        const v = d.initializer ? it.expr(d.initializer, frame) : CLEAN;
        const target = isVar ? frame.functionFrame() : frame;
        it.bind(d.name, v, target, true, d.initializer ? declStep(it, d) : undefined);
      }
      return false;
    }
    case SK.ExpressionStatement:
      it.expr((st as ts.ExpressionStatement).expression, frame);
      // `assertInside(p);`: a helper that throws unless its check passed narrows what follows.
      for (const n of it.callNarrowings((st as ts.ExpressionStatement).expression, frame)) n();
      return false;
    case SK.ReturnStatement: {
      const e = (st as ts.ReturnStatement).expression;
      const v = e ? it.expr(e, frame) : CLEAN;
      const r = it.returns[it.returns.length - 1];
      if (r) r.value = join(r.value, v);
      if (e && it.returns.length === 1) it.responses.push({ value: v, node: e, file: it.file.file });
      return true;
    }
    case SK.ThrowStatement:
      it.expr((st as ts.ThrowStatement).expression, frame);
      return true;
    case SK.BreakStatement:
    case SK.ContinueStatement:
      return true;
    case SK.Block:
      return it.block((st as ts.Block).statements, new Frame(frame, false));
    case SK.IfStatement:
      return runIf(it, st as ts.IfStatement, frame);
    case SK.ForOfStatement:
    case SK.ForInStatement: {
      const s = st as ts.ForOfStatement | ts.ForInStatement;
      const coll = it.expr(s.expression, frame);
      const item = tsx.isForOfStatement(s) ? it.readIndex(coll, s.expression) : dataOnly(it.materialize(coll));
      loop(it, frame, (inner) => {
        const init = s.initializer;
        if (tsx.isVariableDeclarationList(init)) for (const d of init.declarations) it.bind(d.name, item, inner, true);
        else it.assign(init, item, inner);
        it.stmt(s.statement, inner);
      });
      return false;
    }
    case SK.ForStatement: {
      const s = st as ts.ForStatement;
      const inner = new Frame(frame, false);
      if (s.initializer) {
        if (tsx.isVariableDeclarationList(s.initializer)) {
          for (const d of s.initializer.declarations) it.bind(d.name, d.initializer ? it.expr(d.initializer, inner) : CLEAN, inner, true);
        } else it.expr(s.initializer, inner);
      }
      loop(it, inner, (f) => {
        if (s.condition) it.expr(s.condition, f);
        it.stmt(s.statement, f);
        if (s.incrementor) it.expr(s.incrementor, f);
      });
      return false;
    }
    case SK.WhileStatement:
    case SK.DoStatement: {
      const s = st as ts.WhileStatement | ts.DoStatement;
      loop(it, frame, (f) => {
        it.expr(s.expression, f);
        it.stmt(s.statement, f);
      });
      return false;
    }
    case SK.SwitchStatement: {
      const s = st as ts.SwitchStatement;
      it.expr(s.expression, frame);
      const arms: Arm[] = [];
      const exits: boolean[] = [];
      let hasDefault = false;
      for (const clause of s.caseBlock.clauses) {
        if (tsx.isDefaultClause(clause)) hasDefault = true;
        it.journal.begin();
        if (tsx.isCaseClause(clause)) for (const n of it.caseNarrowings(s.expression, clause.expression, frame)) n();
        const inner = new Frame(frame, false);
        const exit = it.block(clause.statements, inner);
        arms.push(it.journal.rollback());
        // `break` leaves the switch, not the function: the arm's writes survive.
        exits.push(exit && clause.statements.some((x) => tsx.isReturnStatement(x) || tsx.isThrowStatement(x)));
      }
      it.journal.merge(arms, exits, !hasDefault);
      return false;
    }
    case SK.TryStatement: {
      const s = st as ts.TryStatement;
      it.journal.begin();
      const exitTry = it.block(s.tryBlock.statements, new Frame(frame, false));
      const tryArm = it.journal.rollback();
      let catchArm: Arm | undefined;
      let exitCatch = false;
      if (s.catchClause) {
        it.journal.begin();
        const inner = new Frame(frame, false);
        // JS cannot say which errors a catch expects: its message is a detail until narrowed (instanceof, err.name === ...).
        const d = s.catchClause.variableDeclaration;
        if (d) it.bind(d.name, tsx.isIdentifier(d.name) ? caughtErrorValue(it.spanOf(d.name), `${d.name.text}.message`, true) : CLEAN, inner, true);
        exitCatch = it.block(s.catchClause.block.statements, inner);
        catchArm = it.journal.rollback();
      }
      it.journal.merge(catchArm ? [tryArm, catchArm] : [tryArm], catchArm ? [exitTry, exitCatch] : [false], false);
      if (s.finallyBlock) it.block(s.finallyBlock.statements, new Frame(frame, false));
      return exitTry && (!s.catchClause || exitCatch);
    }
    case SK.LabeledStatement:
      return it.stmt((st as ts.LabeledStatement).statement, frame);
    case SK.FunctionDeclaration:
    case SK.ClassDeclaration:
      return false; // hoisted in runBlock
    case SK.ImportDeclaration:
      runImport(it, st as ts.ImportDeclaration, frame);
      return false;
    case SK.ExportAssignment:
      it.expr((st as ts.ExportAssignment).expression, frame);
      return false;
    default:
      return false;
  }
}

export function declStep(it: Interp, d: ts.VariableDeclaration): LazyStep {
  return () => (tsx.isIdentifier(d.name) ? it.step(d.name, `assigned to ${d.name.text}`) : it.step(d.name, 'destructured'));
}

export function runImport(it: Interp, st: ts.ImportDeclaration, frame: Frame): void {
  if (!tsx.isStringLiteral(st.moduleSpecifier) || !st.importClause || st.importClause.isTypeOnly) return;
  const mod = it.requireModule(st.moduleSpecifier.text);
  const clause = st.importClause;
  if (clause.name) frame.vars.set(clause.name.text, readDefault(it, mod));
  const nb = clause.namedBindings;
  if (nb && tsx.isNamespaceImport(nb)) frame.vars.set(nb.name.text, mod);
  if (nb && tsx.isNamedImports(nb)) {
    for (const el of nb.elements) frame.vars.set(el.name.text, it.readProp(mod, (el.propertyName ?? el.name).text));
  }
}

/** `import x from 'm'`: the `default` export when the module has one, else the module itself. */
export function readDefault(it: Interp, mod: AV): AV {
  return mod.props?.get('default') ?? mod;
}

export function runIf(it: Interp, st: ts.IfStatement, frame: Frame): boolean {
  it.expr(st.expression, frame);
  const whenTrue = it.narrowings(st.expression, true, frame);
  const whenFalse = it.narrowings(st.expression, false, frame);
  it.journal.begin();
  for (const n of whenTrue) n();
  const exitThen = it.stmt(st.thenStatement, new Frame(frame, false));
  const thenArm = it.journal.rollback();
  it.journal.begin();
  for (const n of whenFalse) n();
  const exitElse = st.elseStatement ? it.stmt(st.elseStatement, new Frame(frame, false)) : false;
  const elseArm = it.journal.rollback();
  it.journal.merge([thenArm, elseArm], [exitThen, exitElse], false);
  return exitThen && exitElse;
}

/** Runs a loop body twice, joining with the state before it (the body may not run at all). */
export function loop(it: Interp, frame: Frame, body: (f: Frame) => void): void {
  for (let i = 0; i < 2; i++) {
    it.journal.begin();
    body(new Frame(frame, false));
    const arm = it.journal.rollback();
    it.journal.merge([arm], [false], true);
  }
}

