// Statements for the taint interpreter: declarations, control flow with branch joins, loops run
// twice, guards that narrow what follows, imports.
import ts from 'typescript';
import { SK, tsx } from './syntax.js';
import { Frame, type Arm } from './env.js';
import { MAX_NODES, type Interp } from './interp.js';
import { CLEAN, dataOnly, join, type AV, type LazyStep } from './values.js';
import { assign, bindPattern, evalExpr } from './expressions.js';
import { caseNarrowings, narrowings } from './guards.js';

/** Runs statements in order; returns true when the block always leaves (return/throw/break/continue). */
export function runBlock(it: Interp, statements: readonly ts.Statement[], frame: Frame): boolean {
  // Function declarations are hoisted.
  for (const st of statements) {
    if (tsx.isFunctionDeclaration(st) && st.name) frame.functionFrame().vars.set(st.name.text, { fn: { node: st, closure: frame, file: it.file.file } });
    if (tsx.isClassDeclaration(st) && st.name) frame.vars.set(st.name.text, { cls: st });
  }
  for (const st of statements) {
    if (runStatement(it, st, frame)) return true;
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
        const v = d.initializer ? evalExpr(it, d.initializer, frame) : CLEAN;
        const target = isVar ? frame.functionFrame() : frame;
        bindPattern(it, d.name, v, target, true, d.initializer ? declStep(it, d) : undefined);
      }
      return false;
    }
    case SK.ExpressionStatement:
      evalExpr(it, (st as ts.ExpressionStatement).expression, frame);
      return false;
    case SK.ReturnStatement: {
      const e = (st as ts.ReturnStatement).expression;
      const v = e ? evalExpr(it, e, frame) : CLEAN;
      const r = it.returns[it.returns.length - 1];
      if (r) r.value = join(r.value, v);
      if (e && it.returns.length === 1) it.responses.push({ value: v, node: e, file: it.file.file });
      return true;
    }
    case SK.ThrowStatement:
      evalExpr(it, (st as ts.ThrowStatement).expression, frame);
      return true;
    case SK.BreakStatement:
    case SK.ContinueStatement:
      return true;
    case SK.Block:
      return runBlock(it, (st as ts.Block).statements, new Frame(frame, false));
    case SK.IfStatement:
      return runIf(it, st as ts.IfStatement, frame);
    case SK.ForOfStatement:
    case SK.ForInStatement: {
      const s = st as ts.ForOfStatement | ts.ForInStatement;
      const coll = evalExpr(it, s.expression, frame);
      const item = tsx.isForOfStatement(s) ? it.readIndex(coll, s.expression) : dataOnly(it.materialize(coll));
      loop(it, frame, (inner) => {
        const init = s.initializer;
        if (tsx.isVariableDeclarationList(init)) for (const d of init.declarations) bindPattern(it, d.name, item, inner, true);
        else assign(it, init, item, inner);
        runStatement(it, s.statement, inner);
      });
      return false;
    }
    case SK.ForStatement: {
      const s = st as ts.ForStatement;
      const inner = new Frame(frame, false);
      if (s.initializer) {
        if (tsx.isVariableDeclarationList(s.initializer)) {
          for (const d of s.initializer.declarations) bindPattern(it, d.name, d.initializer ? evalExpr(it, d.initializer, inner) : CLEAN, inner, true);
        } else evalExpr(it, s.initializer, inner);
      }
      loop(it, inner, (f) => {
        if (s.condition) evalExpr(it, s.condition, f);
        runStatement(it, s.statement, f);
        if (s.incrementor) evalExpr(it, s.incrementor, f);
      });
      return false;
    }
    case SK.WhileStatement:
    case SK.DoStatement: {
      const s = st as ts.WhileStatement | ts.DoStatement;
      loop(it, frame, (f) => {
        evalExpr(it, s.expression, f);
        runStatement(it, s.statement, f);
      });
      return false;
    }
    case SK.SwitchStatement: {
      const s = st as ts.SwitchStatement;
      evalExpr(it, s.expression, frame);
      const arms: Arm[] = [];
      const exits: boolean[] = [];
      let hasDefault = false;
      for (const clause of s.caseBlock.clauses) {
        if (tsx.isDefaultClause(clause)) hasDefault = true;
        it.journal.begin();
        if (tsx.isCaseClause(clause)) for (const n of caseNarrowings(it, s.expression, clause.expression, frame)) n();
        const inner = new Frame(frame, false);
        const exit = runBlock(it, clause.statements, inner);
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
      const exitTry = runBlock(it, s.tryBlock.statements, new Frame(frame, false));
      const tryArm = it.journal.rollback();
      let catchArm: Arm | undefined;
      let exitCatch = false;
      if (s.catchClause) {
        it.journal.begin();
        const inner = new Frame(frame, false);
        if (s.catchClause.variableDeclaration) bindPattern(it, s.catchClause.variableDeclaration.name, CLEAN, inner, true);
        exitCatch = runBlock(it, s.catchClause.block.statements, inner);
        catchArm = it.journal.rollback();
      }
      it.journal.merge(catchArm ? [tryArm, catchArm] : [tryArm], catchArm ? [exitTry, exitCatch] : [false], false);
      if (s.finallyBlock) runBlock(it, s.finallyBlock.statements, new Frame(frame, false));
      return exitTry && (!s.catchClause || exitCatch);
    }
    case SK.LabeledStatement:
      return runStatement(it, (st as ts.LabeledStatement).statement, frame);
    case SK.FunctionDeclaration:
    case SK.ClassDeclaration:
      return false; // hoisted in runBlock
    case SK.ImportDeclaration:
      runImport(it, st as ts.ImportDeclaration, frame);
      return false;
    case SK.ExportAssignment:
      evalExpr(it, (st as ts.ExportAssignment).expression, frame);
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
  evalExpr(it, st.expression, frame);
  const whenTrue = narrowings(it, st.expression, true, frame);
  const whenFalse = narrowings(it, st.expression, false, frame);
  it.journal.begin();
  for (const n of whenTrue) n();
  const exitThen = runStatement(it, st.thenStatement, new Frame(frame, false));
  const thenArm = it.journal.rollback();
  it.journal.begin();
  for (const n of whenFalse) n();
  const exitElse = st.elseStatement ? runStatement(it, st.elseStatement, new Frame(frame, false)) : false;
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

